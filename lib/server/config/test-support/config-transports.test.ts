import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { FastPath } from "@/lib/server/fast-path/fast-path";
import { transportHarness, type TransportHarness } from "@/lib/server/config/test-support/config-transports";

// The fast-path harness compares the route handler's answer with the fast
// path's. The two are asked at slightly different instants, so while a change
// (a revocation, a publish) is still reaching the process they may differ —
// for several comparisons in a row under load. Only a difference that lasts
// is a transport bug.

const URL_ = "http://corsboard.test/api/v1/config/shop/dev";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A "state" both sides read: the route reads it first, the fast path a moment later. */
function scenario(fastPathStatuses: number[], routeStatuses: number[]) {
  let f = 0;
  let r = 0;
  const fastPath = {
    handle(_req: IncomingMessage, res: ServerResponse) {
      const status = fastPathStatuses[Math.min(f++, fastPathStatuses.length - 1)]!;
      res.writeHead(status, { "content-type": "text/plain" }).end(String(status));
      return true;
    },
  } as unknown as FastPath;
  const route: Handler = async () => {
    const status = routeStatuses[Math.min(r++, routeStatuses.length - 1)]!;
    return new Response(String(status), { status, headers: { "content-type": "text/plain" } });
  };
  return { fastPath, route };
}

describe("fast-path transport harness", () => {
  let harness: TransportHarness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it("a change still landing during the retry (two differing comparisons, then agreement) is no mismatch", async () => {
    // Fast path already sees the revocation; the route's view catches up only at the third comparison.
    const { fastPath, route } = scenario([401], [200, 200, 401]);
    harness = await transportHarness("fast-path", () => fastPath, [route]);
    const res = await harness.call(route, URL_, {});
    expect(res.status).toBe(401);
    expect(harness.mismatches).toEqual([]);
  });

  it("a difference that never goes away is recorded", async () => {
    const { fastPath, route } = scenario([401], [200]);
    harness = await transportHarness("fast-path", () => fastPath, [route], { settleMs: 100 });
    await harness.call(route, URL_, {});
    expect(harness.mismatches).toEqual([
      `GET ${URL_} {}: status 401 (fast path) vs 200 (route)`,
      `GET ${URL_} {}: body 3 bytes (fast path) vs 3 (route)`,
    ]);
  });
});
