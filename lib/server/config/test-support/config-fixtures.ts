import { randomBytes } from "node:crypto";
import pg from "pg";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { ServedPolicy } from "@/lib/api/schemas/config";

/**
 * Helpers for the config API's integration tests. They take the modules of
 * the test's own module graph (see lib/server/test-support/test-backend.ts),
 * so they act on that backend's database.
 */
type Client = typeof import("@/lib/server/db/client")["prisma"];
type Notify = typeof import("@/lib/server/config/notify-policy-published")["notifyPolicyPublished"];

export interface PolicyFixture extends Partial<Omit<ServedPolicy, "origins">> {
  origins: (string | { value: string; expiresAt?: string | null; note?: string | null })[];
}

/** Stored content (the shape PolicyVersion.content has: policyContentSchema). */
export function policyContent(p: PolicyFixture) {
  return {
    origins: p.origins.map((o) => (typeof o === "string" ? { value: o, note: null, expiresAt: null } : { note: null, expiresAt: null, ...o })),
    allowCredentials: p.allowCredentials ?? false,
    allowedMethods: p.allowedMethods ?? [],
    allowedHeaders: p.allowedHeaders ?? [],
    reflectRequestHeaders: p.reflectRequestHeaders ?? false,
    exposedHeaders: p.exposedHeaders ?? [],
    maxAgeSeconds: p.maxAgeSeconds ?? null,
    noOrigin: p.noOrigin ?? "allow",
    allowPrivateNetwork: p.allowPrivateNetwork ?? false,
  };
}

/** A project with environments (rows only), by slug. */
export async function createProjectFixture(prisma: Client, slug: string, environments: string[]): Promise<{ projectId: string; env: Record<string, string> }> {
  const project = await prisma.project.create({ data: { slug, name: slug } });
  const env: Record<string, string> = {};
  for (const [position, e] of environments.entries()) {
    env[e] = (await prisma.environment.create({ data: { projectId: project.id, slug: e, name: e, position } })).id;
  }
  return { projectId: project.id, env };
}

/**
 * Publishes the next version the way the publish operation does: the row
 * and notifyPolicyPublished in one transaction.
 */
export async function publishVersion(prisma: Client, notify: Notify, environmentId: string, policy: PolicyFixture, knownNumber?: number): Promise<number> {
  const content = policyContent(policy);
  return prisma.$transaction(async (tx) => {
    const last = knownNumber ? null : await tx.policyVersion.findFirst({ where: { environmentId }, orderBy: { number: "desc" }, select: { number: true } });
    const number = knownNumber ?? (last?.number ?? 0) + 1;
    await tx.policyVersion.create({
      data: { environmentId, number, content, contentHash: `test-${number}`, message: `test ${number}`, originCount: content.origins.length },
    });
    await notify(tx, { environmentId, version: number });
    return number;
  });
}

/** A token row with a fresh secret; returns the secret and id. */
export async function createTokenFixture(
  prisma: Client,
  hash: (secret: string) => string,
  scope: "admin" | "config_read",
  bound?: { projectId: string; environmentId: string },
  name = `t-${randomBytes(3).toString("hex")}`,
): Promise<{ id: string; secret: string }> {
  const secret = `cb_${randomBytes(24).toString("base64url")}`;
  const row = await prisma.apiToken.create({
    data: { name, scope, secretHash: hash(secret), prefix: secret.slice(0, 10), projectId: bound?.projectId ?? null, environmentId: bound?.environmentId ?? null },
  });
  return { id: row.id, secret };
}

/**
 * Counts the SQL statements this process sends to the database, at the
 * driver: every query of a `pg` client (except the config listener's own
 * connection), or of the embedded PGlite instance (queries, scripts, and the
 * statements of its transactions). Nothing is mocked: the statements still run.
 */
export interface QueryCounter {
  count(): number;
  statements(): string[];
  reset(): void;
  restore(): void;
}

export function countPgQueries(): QueryCounter {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: string[] = [];
  proto.query = function (this: { connectionParameters?: { application_name?: string } }, ...args: unknown[]) {
    if (this.connectionParameters?.application_name !== "corsboard-listen") seen.push(sqlText(args[0]));
    return original.apply(this, args);
  };
  return counter(seen, () => {
    proto.query = original;
  });
}

export function countPgliteQueries(db: PGlite): QueryCounter {
  const seen: string[] = [];
  const target = db as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = { query: target.query!, exec: target.exec!, transaction: target.transaction! };
  target.query = function (...args: unknown[]) {
    seen.push(sqlText(args[0]));
    return originals.query.apply(db, args);
  };
  target.exec = function (...args: unknown[]) {
    seen.push(sqlText(args[0]));
    return originals.exec.apply(db, args);
  };
  target.transaction = function (callback: unknown) {
    seen.push("BEGIN (transaction)");
    return originals.transaction.call(db, (tx: Transaction) => {
      const wrapped = Object.create(tx) as Transaction;
      wrapped.query = ((...args: Parameters<Transaction["query"]>) => {
        seen.push(sqlText(args[0]));
        return tx.query(...args);
      }) as Transaction["query"];
      wrapped.exec = ((...args: Parameters<Transaction["exec"]>) => {
        seen.push(sqlText(args[0]));
        return tx.exec(...args);
      }) as Transaction["exec"];
      return (callback as (tx: Transaction) => unknown)(wrapped);
    });
  };
  return counter(seen, () => {
    Object.assign(target, originals);
  });
}

function counter(seen: string[], restore: () => void): QueryCounter {
  return {
    count: () => seen.length,
    statements: () => [...seen],
    reset: () => void seen.splice(0),
    restore,
  };
}

function sqlText(arg: unknown): string {
  if (typeof arg === "string") return arg.replace(/\s+/g, " ").slice(0, 160);
  if (arg && typeof arg === "object" && "text" in arg) return String((arg as { text: unknown }).text).replace(/\s+/g, " ").slice(0, 160);
  return String(arg);
}

/** Reads Server-Sent Events from a fetch/route Response body. */
export function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const events: { event: string; id: string | null; data: string }[] = [];
  const comments: string[] = [];
  let closed = false;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        let id: string | null = null;
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) comments.push(line.slice(1).trim());
          else if (line.startsWith("event: ")) event = line.slice(7);
          else if (line.startsWith("id: ")) id = line.slice(4);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
        }
        if (data.length) events.push({ event, id, data: data.join("\n") });
      }
    }
    closed = true;
  })();
  return {
    events,
    comments,
    isClosed: () => closed,
    async waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`SSE: timed out; events so far: ${events.map((e) => e.id).join(",")}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async cancel() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}
