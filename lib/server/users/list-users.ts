import { prisma } from "@/lib/server/db/client";
import { toUserDto } from "@/lib/server/users/user-dto";

export async function listUsers() {
  const rows = await prisma.user.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toUserDto);
}
