import { E2E_PORT } from "./test-env.mjs";

/** Signed-in browser state of the first admin, saved by the first-run test (one per test server). */
export const ADMIN_STATE = `e2e/.artifacts/admin-state-${E2E_PORT}.json`;
