import { test } from "@playwright/test";

/**
 * The admin URL of the PostgreSQL server the PostgreSQL specs create their
 * databases on. Outside CI a missing TEST_DATABASE_URL skips the spec (a
 * laptop without PostgreSQL); in CI it fails it — .ci/run sets the URL or
 * stops, so a CI run never passes with these specs silently skipped.
 */
export function postgresAdminUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI) throw new Error("TEST_DATABASE_URL is not set in CI: the PostgreSQL specs must run there (see .ci/run).");
  test.skip(!url, "TEST_DATABASE_URL is not set: the PostgreSQL suite needs a server (CI always runs it)");
  return url;
}
