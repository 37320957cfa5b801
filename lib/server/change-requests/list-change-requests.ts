import { prisma } from "@/lib/server/db/client";
import type { ChangeRequest, ChangeRequestListQuery } from "@/lib/api/schemas/editing";
import { changeRequestInclude, toChangeRequestDto } from "@/lib/server/change-requests/change-request-dto";

const LIST_LIMIT = 200;

/** Change requests, newest first, filtered by status and project (the latest 200). */
export async function listChangeRequests(query: ChangeRequestListQuery): Promise<ChangeRequest[]> {
  const rows = await prisma.changeRequest.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.project ? { environment: { project: { slug: query.project } } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: LIST_LIMIT,
    include: changeRequestInclude,
  });
  const out: ChangeRequest[] = [];
  for (const row of rows) out.push(await toChangeRequestDto(prisma, row));
  return out;
}
