import { prisma } from "@/lib/server/db/client";
import type { ChangeRequest } from "@/lib/api/schemas/editing";
import { notFound } from "@/lib/server/errors";
import { changeRequestInclude, toChangeRequestDto } from "@/lib/server/change-requests/change-request-dto";

export async function getChangeRequest(id: string): Promise<ChangeRequest> {
  const row = await prisma.changeRequest.findUnique({ where: { id }, include: changeRequestInclude });
  if (!row) throw notFound(`Change request ${id}`);
  return toChangeRequestDto(prisma, row);
}
