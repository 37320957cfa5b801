import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * Runs a TypeScript file in ONE child process: `node --import tsx`, not the
 * tsx CLI or npx, which put a parent process in between. A test that kills the
 * child must kill the process that holds the database connection, and SIGKILL
 * cannot be relayed.
 */
export interface TsxChild {
  child: ChildProcess;
  /** Everything printed so far (stdout + stderr). */
  output(): string;
  /** Resolves when the output contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
}


/** `wrapper`: a command the node process runs under, e.g. `["unshare", "-pf", "--mount-proc"]` (it must exec node, not relay to it). */
export function runTsx(script: string, args: string[], env: Record<string, string | undefined> = {}, wrapper: string[] = []): TsxChild {
  const command = [...wrapper, process.execPath, "--import", "tsx", path.resolve(script), ...args];
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const waiters: Array<{ needle: string; resolve(): void }> = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of waiters.filter((w) => text.includes(w.needle))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  return {
    child,
    output: () => text,
    exited,
    waitFor(needle, timeoutMs = 60_000) {
      if (text.includes(needle)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for "${needle}". Output so far:\n${text}`)), timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push({ needle, resolve: done });
        void exited.then(() => {
          if (!text.includes(needle)) {
            clearTimeout(timer);
            reject(new Error(`Process exited before printing "${needle}". Output:\n${text}`));
          }
        });
      });
    },
  };
}

/** Runs to completion; resolves with exit code and output. */
export async function runTsxToEnd(
  script: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  wrapper: string[] = [],
): Promise<{ code: number | string; output: string }> {
  const run = runTsx(script, args, env, wrapper);
  const code = await run.exited;
  return { code, output: run.output() };
}
