import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// On this machine Chromium comes from Debian (CHROMIUM_PATH); on a laptop
// without it, Playwright's own browser is used. `*.test` hostnames map to
// 127.0.0.1 so several real origins live on one machine.
const chromiumPath = process.env.CHROMIUM_PATH;
const launchOptions = {
  ...(chromiumPath ? { executablePath: chromiumPath } : {}),
  args: [
    "--host-resolver-rules=MAP *.test 127.0.0.1",
    ...(chromiumPath
      ? ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
      : []),
  ],
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  // Generous: password hashing and first queries are slow on a busy 2-core machine.
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    launchOptions,
  },
  projects: [
    // The Fetch-standard simulator and the server-side probe against real Chromium; needs no dashboard.
    { name: "core", testMatch: /(cors|probe)-differential\.spec\.ts/ },
    // A fresh server with no account: the setup screen creates the first admin.
    { name: "first-run", testMatch: /first-run\.spec\.ts/ },
    { name: "app", testMatch: /.*\.spec\.ts/, testIgnore: [/(cors|probe)-differential\.spec\.ts/, /cors-differential-firefox\.spec\.ts/, /firefox-smoke\.spec\.ts/, /first-run\.spec\.ts/, /postgres-instances\.spec\.ts/, /config-propagation\.spec\.ts/, /clean-shutdown\.spec\.ts/, /start-built\.spec\.ts/, /sso\.spec\.ts/], dependencies: ["first-run"] },
    // Real Firefox (firefox-esr through puppeteer-core; one instance per worker, shared by both files):
    // the simulator's differential suite, then the dashboard's smoke test (needs the first admin).
    { name: "firefox", testMatch: /(cors-differential-firefox|firefox-smoke)\.spec\.ts/, dependencies: ["first-run"] },
    // Single sign-on: a real OpenID Connect provider (oidc-provider) and dashboards of their own configured for it (E2E_PORT+1, +2).
    { name: "sso", testMatch: /sso\.spec\.ts/ },
    // Real servers on one PostgreSQL (when TEST_DATABASE_URL is set), and server restarts.
    { name: "postgres", testMatch: /(postgres-instances|config-propagation|clean-shutdown|start-built)\.spec\.ts/ },
  ],
  webServer: {
    command: "node e2e/support/start-test-server.mjs",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
