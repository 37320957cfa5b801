import { prisma } from "@/lib/server/db/client";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";
import type { ConfigFormat } from "@/lib/api/schemas/config";
import type { ChangeListener } from "@/lib/server/config/change-listener";
import { renderConfig, type ConfigNames, type PublishedVersion, type Rendered } from "@/lib/server/config/render-config";

/**
 * The latest published version of each environment, in memory, with its
 * rendered bytes per format. Filled on first use, dropped when a publish
 * notification (or a listener resync) arrives, so the database is read at
 * most once per change, however many requests, 304s and subscribers there
 * are (concurrent misses share one read). While the change listener is not
 * live, nothing is cached: every request reads the database.
 */
export interface LatestPolicy {
  version: PublishedVersion;
  /** Rendered bytes per format, each valid until the next rule expiry. */
  render(names: ConfigNames, format: ConfigFormat, now?: number): Rendered;
}

interface Entry {
  generation: number;
  value?: LatestPolicy | null;
  loading?: Promise<LatestPolicy | null>;
  /** A version this process is publishing (its transaction may not have committed yet). */
  expected?: { version: number; until: number };
}

/** How long an announced-but-unconfirmed version keeps the cache from storing older reads (a rolled-back publish). */
const EXPECT_WINDOW_MS = 10_000;

export interface PolicyCache {
  /** The latest version of an environment, or null when nothing was published. */
  latest(environmentId: string): Promise<LatestPolicy | null>;
  /** From memory, or undefined when it needs a read (then call latest): lets a cached answer go out without awaiting. */
  latestNow(environmentId: string): LatestPolicy | null | undefined;
  /** A version was published: forget what is cached unless it is already that new. */
  invalidate(environmentId: string, version?: number): void;
  /**
   * This process is publishing `version` (called inside the transaction):
   * drop what is cached now, and store no older read until it arrives (or
   * for 10 s, in case the transaction rolls back). So a publish through this
   * instance is visible here as soon as it commits, without waiting for the
   * notification's round trip.
   */
  expect(environmentId: string, version: number): void;
  clear(): void;
  /** Database reads done so far (diagnostics and tests). */
  readonly loads: number;
}

export function createPolicyCache(listener: ChangeListener): PolicyCache {
  const entries = new Map<string, Entry>();
  let epoch = 0;
  let loads = 0;

  const load = async (environmentId: string): Promise<LatestPolicy | null> => {
    loads++;
    const row = await prisma.policyVersion.findFirst({
      where: { environmentId },
      orderBy: { number: "desc" },
      select: { number: true, content: true, createdAt: true },
    });
    if (!row) return null;
    const content = policyContentFromColumn(row.content);
    return latestPolicy({
      environmentId,
      version: row.number,
      publishedAt: row.createdAt,
      policy: { ...content, origins: content.origins.map((o) => ({ value: o.value, expiresAt: o.expiresAt })) },
    });
  };

  return {
    get loads() {
      return loads;
    },
    latestNow(environmentId) {
      return listener.isLive() ? entries.get(environmentId)?.value : undefined;
    },
    latest(environmentId) {
      if (!listener.isLive()) return load(environmentId);
      let entry = entries.get(environmentId);
      if (entry?.value !== undefined) return Promise.resolve(entry.value);
      if (entry?.loading) return entry.loading;
      if (!entry) entries.set(environmentId, (entry = { generation: 0 }));
      const e = entry;
      const generation = e.generation;
      const startEpoch = epoch;
      const loading = load(environmentId).then(
        (value) => {
          if (e.expected && ((value?.version.version ?? 0) >= e.expected.version || Date.now() > e.expected.until)) e.expected = undefined;
          // A notification (or a resync) that arrived meanwhile may be newer than what we read: don't keep it.
          if (e.generation === generation && epoch === startEpoch && listener.isLive() && !e.expected) e.value = value;
          if (e.loading === loading) e.loading = undefined;
          return value;
        },
        (error: unknown) => {
          if (e.loading === loading) e.loading = undefined;
          throw error;
        },
      );
      e.loading = loading;
      return loading;
    },
    invalidate(environmentId, version) {
      const entry = entries.get(environmentId);
      if (!entry) return;
      if (version !== undefined && entry.value && entry.value.version.version >= version) return;
      entry.generation++;
      entry.value = undefined;
      entry.loading = undefined;
    },
    expect(environmentId, version) {
      let entry = entries.get(environmentId);
      if (!entry) entries.set(environmentId, (entry = { generation: 0 }));
      if (entry.value && entry.value.version.version >= version) return;
      entry.expected = { version, until: Date.now() + EXPECT_WINDOW_MS };
      entry.generation++;
      entry.value = undefined;
      entry.loading = undefined;
    },
    clear() {
      epoch++;
      entries.clear();
    },
  };
}

/** A version with its renders memoised per format until the next rule expiry. */
export function latestPolicy(version: PublishedVersion): LatestPolicy {
  const renders = new Map<string, Rendered>();
  // The last render asked for, checked first: a service asks for the same one every time.
  let last: { format: ConfigFormat; project: string; environment: string; rendered: Rendered } | null = null;
  return {
    version,
    render(names, format, now) {
      if (last !== null && last.format === format && last.project === names.project && last.environment === names.environment) {
        const { rendered } = last;
        // No clock read when no rule of this version ever expires.
        if (rendered.validUntil === Number.POSITIVE_INFINITY || (now ?? Date.now()) < rendered.validUntil) return rendered;
      }
      const at = now ?? Date.now();
      const key = `${format}|${names.project}|${names.environment}`;
      let rendered = renders.get(key);
      if (!rendered || at >= rendered.validUntil) renders.set(key, (rendered = renderConfig(version, names, format, at)));
      last = { format, project: names.project, environment: names.environment, rendered };
      return rendered;
    },
  };
}
