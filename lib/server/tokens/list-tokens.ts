import { prisma } from "@/lib/server/db/client";
import { toTokenDto, tokenDtoInclude } from "@/lib/server/tokens/token-dto";

/** Every token, newest first; revoked ones stay listed (greyed out) for the record. */
export async function listTokens() {
  const rows = await prisma.apiToken.findMany({ orderBy: { createdAt: "desc" }, include: tokenDtoInclude });
  return rows.map(toTokenDto);
}
