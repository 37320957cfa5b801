import { createHash } from "node:crypto";
import { canonicalJson, createCorsboardClient, type ConfigDocument, type CorsboardClientOptions, type CorsboardLogger } from "@/lib/sdk";

// Helpers of the SDK's unit tests: a valid config document, a logger that
// keeps its lines, and a client whose "server" is a fetch function.

export function documentOf(policy: Partial<ConfigDocument["policy"]> & { origins: ConfigDocument["policy"]["origins"] }, version = 1): ConfigDocument {
  const full: ConfigDocument["policy"] = {
    allowCredentials: false,
    allowedMethods: ["PUT"],
    allowedHeaders: ["authorization"],
    reflectRequestHeaders: false,
    exposedHeaders: ["x-request-id"],
    maxAgeSeconds: 120,
    noOrigin: "allow",
    allowPrivateNetwork: false,
    ...policy,
  };
  return {
    project: "p",
    environment: "e",
    version,
    publishedAt: "2026-01-01T00:00:00.000Z",
    contentHash: createHash("sha256").update(canonicalJson(full)).digest("hex"),
    policy: full,
  };
}

export function quietLogger() {
  const lines: string[] = [];
  const logger: CorsboardLogger = {
    debug: (m) => void lines.push(`debug ${m}`),
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
  };
  return { lines, logger };
}

export async function clientServing(doc: ConfigDocument, options: Partial<CorsboardClientOptions> = {}) {
  const { lines, logger } = quietLogger();
  const client = createCorsboardClient({
    url: "http://corsboard.invalid",
    token: "t",
    project: "p",
    environment: "e",
    refresh: "poll",
    pollIntervalMs: 3_600_000,
    logger,
    fetch: async () => new Response(JSON.stringify(doc), { status: 200, headers: { etag: '"v1"' } }),
    ...options,
  });
  await client.ready;
  return { client, lines };
}
