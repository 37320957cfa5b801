import pg from "pg";
import { CONFIG_CHANNEL, encodePolicyChange } from "../../lib/server/config/config-channel";

/**
 * Publishes the next version of storefront-api/<environment> straight on a
 * PostgreSQL database the way notifyPolicyPublished does: INSERT, then
 * pg_notify in the same transaction. Returns the version and when it committed.
 */
export async function publishOnDatabase(dbUrl: string, origins: string[], environment = "dev"): Promise<{ version: number; committedAt: number }> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const env = await client.query<{ id: string }>(`SELECT e.id FROM environment e JOIN project p ON p.id = e."projectId" WHERE p.slug = 'storefront-api' AND e.slug = $1`, [environment]);
    const environmentId = env.rows[0]!.id;
    const last = await client.query<{ n: number }>(`SELECT max(number) AS n FROM policy_version WHERE "environmentId" = $1`, [environmentId]);
    const version = Number(last.rows[0]!.n) + 1;
    const content = {
      origins: origins.map((value) => ({ value, note: null, expiresAt: null })),
      allowCredentials: true,
      allowedMethods: ["GET", "HEAD", "POST", "PUT"],
      allowedHeaders: ["content-type", "authorization"],
      reflectRequestHeaders: false,
      exposedHeaders: [],
      maxAgeSeconds: 600,
      noOrigin: "allow",
      allowPrivateNetwork: false,
    };
    await client.query(
      `INSERT INTO policy_version (id, "environmentId", number, content, "contentHash", message, "originCount") VALUES (gen_random_uuid()::text, $1, $2, $3, 'e2e', 'e2e publish', $4)`,
      [environmentId, version, JSON.stringify(content), origins.length],
    );
    await client.query("SELECT pg_notify($1, $2)", [CONFIG_CHANNEL, encodePolicyChange(environmentId, version, Date.now())]);
    await client.query("COMMIT");
    return { version, committedAt: Date.now() };
  } finally {
    await client.end();
  }
}
