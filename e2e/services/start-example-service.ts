// The example service (e2e/services/example-service.ts: Express + the SDK) as
// its own process, source run through tsx, on a free port. Used where a test
// needs a service that really follows the published policy (it follows new
// versions over SSE within about a second).

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { adminAuth } from "../support/api";
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

/**
 * A config_read token for `project`/`environment` (created with the admin
 * token), then the example service on it, reporting observed origins every
 * `reportMs`. `env` adds or overrides variables (CORSBOARD_REFRESH…).
 */
export async function connectExampleService(
  request: APIRequestContext,
  target: { baseURL: string; project: string; environment: string; tokenName: string; reportMs?: number },
  env: Record<string, string> = {},
): Promise<ExampleService> {
  const created = await request.post("/api/v1/tokens", { headers: adminAuth, data: { name: target.tokenName, scope: "config_read", project: target.project, environment: target.environment } });
  expect(created.status(), await created.text()).toBe(201);
  const { secret } = (await created.json()) as { secret: string };
  return startExampleService({
    CORSBOARD_URL: target.baseURL,
    CORSBOARD_TOKEN: secret,
    CORSBOARD_PROJECT: target.project,
    CORSBOARD_ENVIRONMENT: target.environment,
    CORSBOARD_REPORT_OBSERVED: "1",
    CORSBOARD_REPORT_MS: String(target.reportMs ?? 1000),
    ...env,
  });
}
