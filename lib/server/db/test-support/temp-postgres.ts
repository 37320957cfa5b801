import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * A uniquely named PostgreSQL database for one test, on the server in
 * TEST_DATABASE_URL, dropped afterwards (FORCE disconnects leftovers).
 */
export interface TempPostgres {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export async function createTempPostgres(baseUrl: string = TEST_DATABASE_URL ?? ""): Promise<TempPostgres> {
  const name = `corsboard_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A connected client on `url`; the caller ends it. */
export async function connectPg(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  return client;
}
