import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Start the production build with the production custom server
 * (scripts/server.mjs) as its own process, with its own environment; or,
 * with `script: "start.mjs"`, the way `npm start` does (build check first).
 */
export function startServer(port: number, env: Record<string, string>, script: "server.mjs" | "start.mjs" = "server.mjs"): ServerProcess {
  const base = { ...process.env } as Record<string, string>;
  delete base.DATABASE_URL;
  delete base.CORSBOARD_INIT_ADMIN_TOKEN;
  const child = spawn(process.execPath, [path.join(process.cwd(), "scripts", script)], {
    env: { ...base, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", CORSBOARD_SEED_DEMO: "1", PORT: String(port), HOSTNAME: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

/** Poll /api/health until it answers 200 (or the process dies, or time runs out). */
export async function waitHealthy(server: ServerProcess, timeoutMs = 90_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}:\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.status === 200) return res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${server.output()}`);
}
