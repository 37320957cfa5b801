/** Signed-in browser state of the first admin, saved by the first-run test. */
export const ADMIN_STATE = "e2e/.artifacts/admin-state.json";
