// The example service (e2e/services/example-service.ts: Express + the SDK) as
// its own process, source run through tsx, on a free port. Used where a test
// needs a service that really follows the published policy (it follows new
// versions over SSE within about a second).

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { stopChild } from "../support/server-process";

/** The bearer token the example service's own API wants. */
export const EXAMPLE_SERVICE_TOKEN = "service-secret";

export interface ExampleService {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
  stop(): Promise<void>;
}

/** `env` sets CORSBOARD_URL, CORSBOARD_TOKEN, CORSBOARD_PROJECT, … (see example-service.ts). */
export async function startExampleService(env: Record<string, string>): Promise<ExampleService> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("e2e/services/example-service.ts")], {
    env: { ...process.env, NODE_ENV: "test", PORT: "0", SERVICE_TOKEN: EXAMPLE_SERVICE_TOKEN, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`example service did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`example service exited with ${code}:\n${out}`));
    });
  });
  return { child, port, output: () => out, stop: () => stopChild(child) };
}
