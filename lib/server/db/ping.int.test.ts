import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTsxToEnd } from "./test-support/run-tsx";

/**
 * /api/health must answer promptly when PostgreSQL is down or hangs. Runs in
 * child processes (the configuration is read once per process) and needs no
 * database server.
 */
const PING_CHILD = "lib/server/db/test-support/ping-child.ts";

async function ping(databaseUrl: string): Promise<{ ok: boolean; reason?: string; ms: number }> {
  const run = await runTsxToEnd(PING_CHILD, [], { DATABASE_URL: databaseUrl });
  const line = run.output.split("\n").find((l) => l.startsWith("PING "));
  if (!line) throw new Error(`no PING line in:\n${run.output}`);
  return JSON.parse(line.slice("PING ".length)) as { ok: boolean; reason?: string; ms: number };
}

describe("pingDatabase when PostgreSQL is unavailable", () => {
  // Accepts TCP connections and never answers: a hung server or a black-holed network.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => sockets.push(socket));
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    port = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("reports a refused connection at once", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const freePort = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const result = await ping(`postgresql://postgres@127.0.0.1:${freePort}/corsboard`);
    expect(result).toMatchObject({ ok: false, reason: `connect ECONNREFUSED 127.0.0.1:${freePort}` });
    expect(result.ms).toBeLessThan(2_000);
  });

  it("gives up after ~2 s on a server that never answers", async () => {
    const result = await ping(`postgresql://postgres@127.0.0.1:${port}/corsboard`);
    expect(result).toMatchObject({ ok: false, reason: "no answer within 2 s" });
    expect(result.ms).toBeGreaterThanOrEqual(1_900);
    expect(result.ms).toBeLessThan(3_000);
  });
});
