// How every corsboard command ends on a problem: a line on stderr naming the
// command, and an exit code (2: usage, auth, network — the caller must fix
// something; 1 is each command's "the answer is no").

export const EXIT_USAGE = 2;

export interface CliContext {
  /** Prefix of error lines: "corsboard check", or "check" for `npm run check`. */
  readonly prog: string;
  /** Printed after a usage error. */
  readonly usage: string;
}

export function usageError(ctx: CliContext, message: string): never {
  process.stderr.write(`${ctx.prog}: ${message}\n\n${ctx.usage}\n`);
  process.exit(EXIT_USAGE);
}

export function fail(ctx: Pick<CliContext, "prog">, message: string, code = EXIT_USAGE): never {
  process.stderr.write(`${ctx.prog}: ${message}\n`);
  process.exit(code);
}

/** The `--server` URL: absolute http(s), without a trailing slash. */
export function parseServerUrl(ctx: CliContext, value: string | undefined): string {
  if (!value) usageError(ctx, "--server: give the Corsboard URL, e.g. --server https://corsboard.example.");
  let server: URL;
  try {
    server = new URL(value);
  } catch {
    usageError(ctx, `--server "${value}": give an absolute http:// or https:// URL, e.g. https://corsboard.example.`);
  }
  if (server.protocol !== "http:" && server.protocol !== "https:") usageError(ctx, `--server: use an http:// or https:// URL, not ${server.protocol}.`);
  return server.href.replace(/\/$/, "");
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export function parseSlugs(ctx: CliContext, v: { project?: string; environment?: string }): { project: string; environment: string } {
  if (!v.project || !SLUG.test(v.project)) usageError(ctx, "--project: give the project's slug, e.g. --project shop.");
  if (!v.environment || !SLUG.test(v.environment)) usageError(ctx, "--environment: give the environment's slug, e.g. --environment prod.");
  return { project: v.project, environment: v.environment };
}

/** Why a network call failed, for a human: the cause's code (ECONNREFUSED…) when there is one. */
export function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
