import { closeOpenDatabase, configuredDbKind, openDatabase, type DbKind } from "./database";
import { PrismaClient } from "./generated/client";
import { lazyAdapterFactory } from "./lazy-adapter-factory";

/**
 * The application's database client.
 *
 * Importing this module opens nothing: the adapter opens the embedded database
 * or the PostgreSQL pool, and applies pending migrations, on the first query.
 *
 * Inside `prisma.$transaction(async (tx) => …)` use `tx` for every query. A
 * query on `prisma` from inside the callback waits for the transaction to end:
 * on the embedded database (one session) that is a deadlock until the
 * transaction times out (P2028).
 */

export type { DbKind } from "./database";
export { isUniqueViolation } from "./unique-violation";

const clientKey = Symbol.for("corsboard.prisma-client");

function createClient() {
  return new PrismaClient({ adapter: lazyAdapterFactory });
}

type Client = ReturnType<typeof createClient>;

/** One client per process, kept across `next dev` hot reloads. */
export const prisma: Client = ((globalThis as Record<symbol, unknown>)[clientKey] as Client | undefined) ?? createClient();
(globalThis as Record<symbol, unknown>)[clientKey] = prisma;

/** Which database this process uses: DATABASE_URL set → "postgres", else "embedded". */
export function dbKind(): DbKind {
  return configuredDbKind();
}

/**
 * Opens the database and applies pending migrations now instead of on the
 * first request (instrumentation warm-up, `npm run db:migrate`). Rejects with
 * a MigrationError whose message tells the operator what to do.
 */
export async function ensureDatabase(options: { log?: (message: string) => void } = {}): Promise<void> {
  await openDatabase(options);
  await prisma.$connect();
}

export type PingResult = { ok: true } | { ok: false; reason: string };

const PING_TIMEOUT_MS = 2_000;

/**
 * For /api/health: can we run a query right now? Answers within ~2 s even
 * when PostgreSQL is down or hangs (the attempt itself may still be pending;
 * the pool's connect timeout bounds it). Opening is done first, outside
 * Prisma, so a refusal (failed migration, locked data directory) is reported
 * with its own first line rather than Prisma's wrapping.
 */
export async function pingDatabase(): Promise<PingResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([openDatabase(), timeout]).catch((e: unknown) => {
      throw new PingError(firstLine(e));
    });
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof PingError ? e.message : lastLine(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Disconnects Prisma and closes the database (tests, scripts). The next query reopens it. */
export async function closeDatabase(): Promise<void> {
  await prisma.$disconnect();
  await closeOpenDatabase();
}

class PingError extends Error {}

function messageLines(e: unknown): string[] {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n").map((l) => l.trim()).filter(Boolean);
}

/** Our own errors lead with the essential line. Never a stack trace. */
function firstLine(e: unknown): string {
  return (messageLines(e)[0] ?? "unknown error").slice(0, 300);
}

/** Prisma's errors end with the driver's message. */
function lastLine(e: unknown): string {
  return (messageLines(e).at(-1) ?? "unknown error").slice(0, 300);
}
