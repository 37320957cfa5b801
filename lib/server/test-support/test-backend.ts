import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { tempDir } from "@/lib/server/db/test-support/migration-fixtures";
import { migratedTemplate } from "@/lib/server/test-support/embedded-template";
import { createTempPostgres, TEST_DATABASE_URL, type TempPostgres } from "@/lib/server/db/test-support/temp-postgres";

/**
 * Integration tests of domain operations against real databases: the
 * embedded one always, and PostgreSQL too when TEST_DATABASE_URL is set
 * (a fresh database per suite, dropped afterwards).
 *
 *   describe.each(TEST_BACKENDS)("drafts on %s", (backend) => {
 *     const t = useTestBackend(backend, async () => ({ ...(await import("./save-draft")) }));
 *     it("…", async () => { await t.m.saveDraft(…); });
 *   });
 *
 * The app reads its configuration once per module graph (env(), the Prisma
 * client memoised on globalThis), so each backend gets a fresh module graph:
 * `load` must import the modules under test dynamically, after the backend's
 * environment is set. Embedded data directories are copied from a migrated
 * template (initdb + migrations take ~15 s here; a copy ~2 s), rebuilt when
 * the migrations change (embedded-template.ts; the integration project's
 * globalSetup builds it before the test files start, in parallel).
 */
export type TestBackend = "embedded" | "postgres";

export const TEST_BACKENDS: TestBackend[] = TEST_DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];

/** A fixed session secret, so better-auth needs no database round trip to set one up. */
const TEST_AUTH_SECRET = "corsboard-test-secret-0123456789abcdefghijklmnop";

const PRISMA_CLIENT_KEY = Symbol.for("corsboard.prisma-client");

export interface TestBackendHandle<M> {
  /** The modules `load` returned, bound to this backend's database. */
  readonly m: M;
  readonly backend: TestBackend;
  /** The shared app modules of this backend's module graph (client, auth helpers). */
  readonly app: AppModules;
}

export interface AppModules {
  client: typeof import("@/lib/server/db/client");
  transaction: typeof import("@/lib/server/db/transaction");
}

/**
 * `env` sets variables for this backend's module graph after the defaults
 * above (e.g. `{ CORSBOARD_AUTH_RATE_LIMIT: "3" }` turns the sign-in limit
 * back on); they are restored afterwards.
 */
export function useTestBackend<M>(backend: TestBackend, load: () => Promise<M>, options: { env?: Record<string, string> } = {}): TestBackendHandle<M> {
  let modules: M | undefined;
  let app: AppModules | undefined;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const keys = ["DATABASE_URL", "CORSBOARD_DATA_DIR", "LOG_LEVEL", "CORSBOARD_SEED_DEMO", "CORSBOARD_AUTH_RATE_LIMIT", "BETTER_AUTH_SECRET", ...Object.keys(options.env ?? {})];
    const previousEnv = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    let temp: TempPostgres | undefined;
    let dir: { dir: string; cleanup(): void } | undefined;
    if (backend === "postgres") {
      temp = await createTempPostgres();
      process.env.DATABASE_URL = temp.url;
    } else {
      dir = tempDir("editing");
      const dataDir = path.join(dir.dir, "data");
      fs.cpSync(await migratedTemplate(), dataDir, { recursive: true });
      process.env.CORSBOARD_DATA_DIR = dataDir;
      delete process.env.DATABASE_URL;
    }
    process.env.LOG_LEVEL = "warn";
    process.env.CORSBOARD_SEED_DEMO = "0";
    process.env.CORSBOARD_AUTH_RATE_LIMIT = "0";
    process.env.BETTER_AUTH_SECRET = TEST_AUTH_SECRET;
    Object.assign(process.env, options.env);
    freshModuleGraph();
    app = { client: await import("@/lib/server/db/client"), transaction: await import("@/lib/server/db/transaction") };
    await app.client.ensureDatabase();
    modules = await load();
    cleanup = async () => {
      // Background work started after a commit (saved checks after a publish) must not outlive the database.
      await app?.transaction.afterCommitEffectsSettled();
      await app?.client.closeDatabase();
      freshModuleGraph();
      for (const [k, v] of Object.entries(previousEnv)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await temp?.drop();
      dir?.cleanup();
    };
  });

  afterAll(async () => {
    await cleanup?.();
  });

  return {
    backend,
    get m(): M {
      if (!modules) throw new Error("useTestBackend: the modules are loaded in beforeAll");
      return modules;
    },
    get app(): AppModules {
      if (!app) throw new Error("useTestBackend: the modules are loaded in beforeAll");
      return app;
    },
  };
}

/** Forget the app's process-wide singletons so the next imports read the new environment. */
function freshModuleGraph(): void {
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[PRISMA_CLIENT_KEY];
  delete (globalThis as { corsboardAuth?: unknown }).corsboardAuth;
}
