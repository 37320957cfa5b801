import { createHash } from "node:crypto";
import { canonicalJson, createCorsboardClient, type ConfigDocument, type CorsboardClient, type CorsboardLogger } from "@/lib/sdk";

/** A config document for project "p" / environment "e" with a correct contentHash. */
export function testDocument(policy: Partial<ConfigDocument["policy"]> & { origins: ConfigDocument["policy"]["origins"] }, version = 1): ConfigDocument {
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
  return { project: "p", environment: "e", version, publishedAt: "2026-01-01T00:00:00.000Z", contentHash: createHash("sha256").update(canonicalJson(full)).digest("hex"), policy: full };
}

const silent = () => {};

/** A real client whose "server" is a fetch function answering one document (silent unless given a logger). */
export async function servedClient(doc: ConfigDocument, logger: CorsboardLogger = { debug: silent, info: silent, warn: silent, error: silent }): Promise<CorsboardClient> {
  const client = createCorsboardClient({
    url: "http://corsboard.invalid",
    token: "t",
    project: "p",
    environment: "e",
    refresh: "poll",
    pollIntervalMs: 3_600_000,
    logger,
    fetch: async () => new Response(JSON.stringify(doc), { status: 200, headers: { etag: '"v1"' } }),
  });
  await client.ready;
  return client;
}
