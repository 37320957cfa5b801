// Shared by the e2e server and the tests: where the test server keeps its
// data, and the admin token it is started with.
import path from "node:path";
import os from "node:os";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.join(os.tmpdir(), `corsboard-e2e-${E2E_PORT}`);
export const E2E_ADMIN_TOKEN = "cb_e2e-admin-token-for-tests-only-0123456789";
export const E2E_ADMIN = { name: "Ada Admin", email: "ada@corsboard.test", password: "correct horse battery" };
