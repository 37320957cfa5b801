import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "./migration-files";
import { REPO_MIGRATIONS } from "./test-support/migration-fixtures";
import { connectPg, createTempPostgres, TEST_DATABASE_URL, type TempPostgres } from "./test-support/temp-postgres";

/** The app's Prisma client on a PostgreSQL server (DATABASE_URL), migrations applied on first use. */
describe.skipIf(!TEST_DATABASE_URL)("Prisma client on PostgreSQL", () => {
  let temp: TempPostgres;
  let client: typeof import("./client");

  beforeAll(async () => {
    temp = await createTempPostgres();
    process.env.DATABASE_URL = temp.url;
    process.env.LOG_LEVEL = "warn";
    client = await import("./client"); // after the environment is set: env() is parsed once
  });
  afterAll(async () => {
    await client?.closeDatabase();
    await temp?.drop();
  });

  it("migrates on the first query and serves queries, transactions and unique violations", async () => {
    const { prisma, dbKind, isUniqueViolation, pingDatabase } = client;
    expect(dbKind()).toBe("postgres");
    const project = await prisma.project.create({ data: { slug: "api", name: "API" } }); // first query: opens + migrates

    const pg = await connectPg(temp.url);
    try {
      const { rows } = await pg.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1");
      expect(rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(readMigrationFiles(REPO_MIGRATIONS).map((m) => m.name));
    } finally {
      await pg.end();
    }

    const duplicate = await prisma.project.create({ data: { slug: "api", name: "Again" } }).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);

    await expect(
      prisma.$transaction(async (tx) => {
        await tx.environment.create({ data: { projectId: project.id, slug: "dev", name: "Dev", position: 0 } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await prisma.environment.count()).toBe(0); // rolled back

    expect(await pingDatabase()).toEqual({ ok: true });
  });
});
