// `corsboard pull`: an environment's policy as a file, for services that
// don't run Node (nginx, a shell, anything reading env or origins). Writes
// the file atomically when the published policy changes, runs --exec after
// each write, and never writes a policy that fails the SDK's checks or an
// empty one. With --watch it follows changes over the SDK client's SSE (long
// poll, ETag polling while those are down) and keeps the last good file, as
// it is, while Corsboard is down.
// Exit codes: 0 written or already current (without --watch), 1 no valid
// policy could be pulled (the file is left as it was), 2 usage or auth error.

import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { createCorsboardClient } from "@/lib/sdk/client";
import { writeFileAtomic } from "@/lib/sdk/atomic-write";
import { parseServerUrl, parseSlugs, usageError, type CliContext } from "./cli-exit";
import { explainStatus } from "./check-command";
import { PULL_FORMATS, SnapshotFetcher, type PullFormat, type PullTarget } from "./pull-snapshot";

export const PULL_OPTIONS = {
  server: { type: "string" },
  token: { type: "string" },
  project: { type: "string" },
  environment: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  watch: { type: "boolean" },
  exec: { type: "string" },
  "exec-timeout": { type: "string" },
  "max-bytes": { type: "string" },
} as const;

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_EXEC_TIMEOUT_MS = 60_000;

export const PULL_USAGE_OPTIONS = `  --server <url>         the Corsboard dashboard, e.g. https://corsboard.example
  --token <token>        a config read token of the environment (default: $CORSBOARD_TOKEN)
  --project <slug>       the project
  --environment <slug>   the environment
  --format <f>           nginx | env | origins | json (default json)
  --out <file>           the file to write (replaced atomically: temp file + fsync + rename)
  --watch                keep running: rewrite the file on every published change
  --exec "<command>"     run through the shell after each write (e.g. "nginx -s reload");
                         its failure is logged and the file stays
  --exec-timeout <ms>    kill --exec after this long (default ${DEFAULT_EXEC_TIMEOUT_MS})
  --max-bytes <n>        refuse a config answer larger than this (default ${DEFAULT_MAX_BYTES}, 8 MiB)

The policy is checked (project/environment, contentHash, the core compiles it)
before any format is written; an empty or invalid policy is never written.
While Corsboard is down the last good file stays as it is.

Exit codes: 0 written or already current, 1 no valid policy could be pulled
(file unchanged), 2 usage or auth error (--watch exits 2 on these too).`;

export interface PullArgs extends PullTarget {
  out: string;
  watch: boolean;
  exec: string | null;
  execTimeoutMs: number;
}

function positiveInt(ctx: CliContext, flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) usageError(ctx, `${flag}: give a whole number between 1 and ${max}.`);
  return n;
}

export function parsePullArgs(
  ctx: CliContext,
  v: { server?: string; token?: string; project?: string; environment?: string; format?: string; out?: string; watch?: boolean; exec?: string; "exec-timeout"?: string; "max-bytes"?: string },
): PullArgs {
  const server = parseServerUrl(ctx, v.server);
  const token = v.token ?? process.env.CORSBOARD_TOKEN;
  if (!token) usageError(ctx, "--token: give a config read token of the environment, or set CORSBOARD_TOKEN (create one on the environment page).");
  const { project, environment } = parseSlugs(ctx, v);
  const format = (v.format ?? "json") as PullFormat;
  if (!PULL_FORMATS.includes(format)) usageError(ctx, `--format "${v.format}": use one of ${PULL_FORMATS.join(", ")}.`);
  if (!v.out) usageError(ctx, "--out: give the file to write, e.g. --out /etc/nginx/conf.d/cors-origins.conf.");
  if (v.exec !== undefined && v.exec.trim() === "") usageError(ctx, '--exec: give a command, e.g. --exec "nginx -s reload".');
  return {
    server,
    token,
    project,
    environment,
    format,
    out: path.resolve(v.out),
    watch: v.watch === true,
    exec: v.exec ?? null,
    execTimeoutMs: positiveInt(ctx, "--exec-timeout", v["exec-timeout"], DEFAULT_EXEC_TIMEOUT_MS, 3_600_000),
    maxBytes: positiveInt(ctx, "--max-bytes", v["max-bytes"], DEFAULT_MAX_BYTES, 1024 * 1024 * 1024),
    timeoutMs: 10_000,
  };
}

const say = (ctx: CliContext, message: string) => process.stdout.write(`${ctx.prog}: ${message}\n`);
const warn = (ctx: CliContext, message: string) => process.stderr.write(`${ctx.prog}: ${message}\n`);

/**
 * Runs --exec through the shell, bounded by its timeout; resolves with a
 * problem or null. The shell gets its own process group, so a timeout kills
 * what it started too (`sleep`, a reload script's children), not just the shell.
 */
function runExec(command: string, timeoutMs: number, env: Record<string, string>): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, detached: true, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve(`could not start: ${error.message}`);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve(`killed after ${timeoutMs} ms (--exec-timeout)`);
      else if (signal) resolve(`ended by ${signal}`);
      else resolve(code === 0 ? null : `exited with code ${code}`);
    });
  });
}

/** One sync: pull, write if the bytes changed, exec. Returns the exit code a one-shot run would have. */
async function syncOnce(ctx: CliContext, args: PullArgs, fetcher: SnapshotFetcher): Promise<0 | 1 | 2> {
  const snapshot = await fetcher.fetch();
  if (snapshot.kind === "unchanged") return 0;
  if (snapshot.kind === "denied") {
    warn(ctx, explainStatus(snapshot.status, snapshot.detail, args, "read"));
    return 2;
  }
  if (snapshot.kind === "unavailable") {
    warn(ctx, `${snapshot.reason}. ${args.out} is left as it was.`);
    return 1;
  }
  const current = await fs.readFile(args.out, "utf8").catch(() => null);
  if (current === snapshot.body) {
    say(ctx, `${args.out} already has version ${snapshot.version} (${args.format}).`);
    return 0;
  }
  try {
    await writeFileAtomic(args.out, snapshot.body, 0o644);
  } catch (error) {
    fetcher.forgetEtag();
    warn(ctx, `could not write ${args.out}: ${(error as Error).message}. The previous file is untouched.`);
    return 1;
  }
  say(ctx, `wrote version ${snapshot.version} of ${args.project}/${args.environment} (${args.format}) to ${args.out}.`);
  if (args.exec) {
    const problem = await runExec(args.exec, args.execTimeoutMs, { CORSBOARD_PULL_FILE: args.out, CORSBOARD_PULL_VERSION: String(snapshot.version) });
    if (problem) warn(ctx, `--exec "${args.exec}" ${problem}; ${args.out} keeps version ${snapshot.version}.`);
  }
  return 0;
}

export async function runPull(ctx: CliContext, args: PullArgs): Promise<void> {
  const fetcher = new SnapshotFetcher(args);
  const first = await syncOnce(ctx, args, fetcher);
  if (!args.watch || first === 2) process.exit(first);

  // Syncs run one at a time; a change notice during one schedules one more.
  let running: Promise<void> | null = null;
  let again = false;
  const sync = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        if ((await syncOnce(ctx, args, fetcher)) === 2) {
          await client.close();
          process.exit(2);
        }
      } while (again);
      running = null;
    })();
  };

  // The SDK client is only the change detector (SSE → long-poll → ETag polling,
  // with backoff); each change triggers a pull of the requested format. Its
  // messages about serving traffic don't apply here; its trouble reaching
  // Corsboard after startup does.
  let started = false;
  const relay = (message: string) => {
    if (started) warn(ctx, `${message.replace(/^Corsboard: /, "")} ${args.out} is left as it was.`);
  };
  const client = createCorsboardClient({
    url: args.server,
    token: args.token,
    project: args.project,
    environment: args.environment,
    startup: { attempts: 1, timeoutMs: args.timeoutMs },
    requestTimeoutMs: args.timeoutMs,
    instance: `corsboard-pull:${process.pid}`,
    logger: { debug: () => {}, info: () => {}, warn: relay, error: relay },
  });
  client.onChange((status) => {
    if (status.source === "server") sync();
  });
  await client.ready;
  started = true;
  // Whatever happened between the first pull and the client's own first fetch.
  sync();
  say(ctx, `watching ${args.project}/${args.environment} for changes (Ctrl-C to stop).`);
  const stop = () => {
    void client.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
