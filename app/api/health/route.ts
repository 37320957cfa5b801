import { checkHealth } from "@/lib/server/health";

/** Public: load balancers and scripts poll it. */
export async function GET(): Promise<Response> {
  const { status, body } = await checkHealth();
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
