import { expect, test } from "@playwright/test";
import { postgresAdminUrl } from "./support/postgres-suite";
import pg from "pg";
import { startServer, waitHealthy, type ServerProcess } from "./support/server-process";

/**
 * Several real Corsboard servers on one PostgreSQL. Runs when
 * TEST_DATABASE_URL points at a server (CI sets it); each test creates its
 * own database and drops it afterwards.
 */
const adminUrl = postgresAdminUrl();

let dbName = "";
let dbUrl = "";
const servers: ServerProcess[] = [];

test.beforeEach(async () => {
  dbName = `corsboard_e2e_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
});

test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
});

test("two instances started together on an empty database both come up; each migration is applied once", async () => {
  test.setTimeout(180_000);
  // Both get the same bootstrap admin: exactly one account must result.
  const bootstrapAdmin = { CORSBOARD_ADMIN_EMAIL: "pat@corsboard.test", CORSBOARD_ADMIN_PASSWORD: "password-1234" };
  const a = startServer(3211, { DATABASE_URL: dbUrl, ...bootstrapAdmin });
  const b = startServer(3212, { DATABASE_URL: dbUrl, ...bootstrapAdmin });
  servers.push(a, b);
  const [ha, hb] = await Promise.all([waitHealthy(a), waitHealthy(b)]);
  expect(ha).toMatchObject({ status: "ok", db: "postgres" });
  expect(hb).toMatchObject({ status: "ok", db: "postgres" });

  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const rows = await client.query<{ migration_name: string; n: string; finished: string }>(
    "SELECT migration_name, count(*) AS n, count(finished_at) AS finished FROM _prisma_migrations GROUP BY migration_name",
  );
  expect(rows.rows.length).toBeGreaterThan(0);
  for (const row of rows.rows) {
    expect(row.n, row.migration_name).toBe("1");
    expect(row.finished, row.migration_name).toBe("1");
  }
  // The demo seed and the session secret were created once, not once per instance.
  expect((await client.query("SELECT count(*)::int AS n FROM project")).rows[0].n).toBe(1);
  expect((await client.query("SELECT count(*)::int AS n FROM app_setting WHERE key = 'auth.secret'")).rows[0].n).toBe(1);
  expect((await client.query(`SELECT count(*)::int AS n FROM "user" WHERE role = 'admin'`)).rows[0].n).toBe(1);
  await client.end();

  // Setup is already done (by the environment), on both instances.
  expect(await (await fetch(`${b.url}/api/setup`)).json()).toEqual({ needsSetup: false, setupCodeRequired: false });
  // A session made on one instance works on the other (shared secret).
  const signIn = await fetch(`${a.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: a.url },
    body: JSON.stringify({ email: "pat@corsboard.test", password: "password-1234" }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ email: "pat@corsboard.test", role: "admin" });
});

test("health answers 503 with a reason while the database is unreachable, and recovers", async () => {
  test.setTimeout(120_000);
  const s = startServer(3213, { DATABASE_URL: dbUrl });
  servers.push(s);
  await waitHealthy(s);

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
  try {
    await expect
      .poll(async () => (await fetch(`${s.url}/api/health`)).status, { timeout: 20_000 })
      .toBe(503);
    const body = (await (await fetch(`${s.url}/api/health`)).json()) as { status: string; db: string; reason: string };
    expect(body).toMatchObject({ status: "unavailable", db: "postgres" });
    expect(body.reason.length).toBeGreaterThan(3);
  } finally {
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    await admin.end();
  }
  await expect.poll(async () => (await fetch(`${s.url}/api/health`)).status, { timeout: 20_000 }).toBe(200);
});

test("a server refuses to start after a failed migration, with a message naming it and the fix", async () => {
  test.setTimeout(120_000);
  // Start once so the schema exists, then mark the first migration as failed
  // the way the runner records a migration that broke half-way.
  const first = startServer(3214, { DATABASE_URL: dbUrl });
  servers.push(first);
  await waitHealthy(first);
  await first.stop();
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const { rows } = await client.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations ORDER BY started_at LIMIT 1");
  const name = rows[0]!.migration_name;
  await client.query("UPDATE _prisma_migrations SET finished_at = NULL, logs = 'boom' WHERE migration_name = $1", [name]);
  await client.end();

  const refused = startServer(3215, { DATABASE_URL: dbUrl });
  servers.push(refused);
  const exited = new Promise<number | null>((resolve) => refused.child.once("exit", (c) => resolve(c)));
  // Knock until it gives up (the first request would also trigger startup).
  const knock = setInterval(() => void fetch(`${refused.url}/api/health`).catch(() => undefined), 500);
  const code = await exited.finally(() => clearInterval(knock));
  expect(code).not.toBe(0);
  expect(refused.output()).toContain("Corsboard cannot start");
  expect(refused.output()).toContain(name);
});
