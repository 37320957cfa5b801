import { prisma } from "@/lib/server/db/client";
import { boundedMemo } from "@/lib/server/config/bounded-memo";
import type { ChangeListener } from "@/lib/server/config/change-listener";
import { hashTokenSecret } from "@/lib/server/tokens/token-secret";

/**
 * API tokens as the config API sees them, verified once and kept in memory.
 * A trigger on `api_token` (migration `config_api`) announces every insert,
 * revocation, re-scoping and deletion on commit, to every instance, so a
 * revoked token stops working at once everywhere while valid ones cost no
 * query per request. Unknown tokens are remembered too (bounded), so a
 * misconfigured service retrying with a wrong secret doesn't hit the database
 * each time; creating that token announces it like any other change.
 */
export interface ConfigToken {
  id: string;
  name: string;
  prefix: string;
  scope: "admin" | "config_read";
  projectId: string | null;
  environmentId: string | null;
  projectSlug: string | null;
  environmentSlug: string | null;
}

export interface TokenCache {
  /** The token of a bearer secret, or null when it is unknown or revoked. */
  verify(secret: string): Promise<ConfigToken | null>;
  /** The same answer from memory, or undefined when it needs a database read (then call verify). */
  verifyNow(secret: string): ConfigToken | null | undefined;
  invalidate(secretHash: string): void;
  clear(): void;
  readonly loads: number;
}

const MAX_UNKNOWN = 10_000;
const MAX_HASHES = 10_000;

export function createTokenCache(listener: ChangeListener): TokenCache {
  const known = new Map<string, ConfigToken>();
  const unknown = new Set<string>();
  const loading = new Map<string, Promise<ConfigToken | null>>();
  let epoch = 0;
  let loads = 0;
  /**
   * secret → its sha256: a service sends the same secret on every request,
   * and hashing it is most of what a cached lookup costs. A memo of a pure
   * function (bounded; emptied when full), so revocation is unaffected: it
   * acts on the hash → token entries below. The secrets are the ones this
   * process is sent anyway; they never leave memory.
   */
  const hashOf = boundedMemo(MAX_HASHES, hashTokenSecret);

  const load = async (secretHash: string): Promise<ConfigToken | null> => {
    loads++;
    const row = await prisma.apiToken.findUnique({
      where: { secretHash },
      select: {
        id: true,
        name: true,
        prefix: true,
        scope: true,
        projectId: true,
        environmentId: true,
        revokedAt: true,
        project: { select: { slug: true } },
        environment: { select: { slug: true } },
      },
    });
    if (!row || row.revokedAt) return null;
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scope: row.scope,
      projectId: row.projectId,
      environmentId: row.environmentId,
      projectSlug: row.project?.slug ?? null,
      environmentSlug: row.environment?.slug ?? null,
    };
  };

  return {
    get loads() {
      return loads;
    },
    verifyNow(secret) {
      if (secret.length < 16 || secret.length > 256) return null;
      if (!listener.isLive()) return undefined;
      const secretHash = hashOf(secret);
      const hit = known.get(secretHash);
      if (hit) return hit;
      if (unknown.has(secretHash)) return null;
      return undefined;
    },
    async verify(secret) {
      const now = this.verifyNow(secret);
      if (now !== undefined) return now;
      const secretHash = hashOf(secret);
      if (!listener.isLive()) return load(secretHash);
      const pending = loading.get(secretHash);
      if (pending) return pending;
      const startEpoch = epoch;
      const promise = load(secretHash).finally(() => loading.delete(secretHash));
      loading.set(secretHash, promise);
      const token = await promise;
      if (epoch === startEpoch && listener.isLive()) {
        if (token) known.set(secretHash, token);
        else {
          if (unknown.size >= MAX_UNKNOWN) unknown.clear();
          unknown.add(secretHash);
        }
      }
      return token;
    },
    invalidate(secretHash) {
      epoch++;
      known.delete(secretHash);
      unknown.delete(secretHash);
      loading.delete(secretHash);
    },
    clear() {
      epoch++;
      known.clear();
      unknown.clear();
      loading.clear();
    },
  };
}
