/**
 * Runs once when the Next.js server starts (never during `next build`).
 * The Node.js part lives in its own module so the edge bundle never sees it.
 * Once the database is ready it publishes the fast path (config API and
 * /metrics on node's req/res), which the production custom server
 * (scripts/server.mjs) puts ahead of Next's router. Built here, inside
 * Next's bundle, so the process has one copy of the runtime and database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("@/lib/server/start-server");
    await startServer();
    const { publishFastPath } = await import("@/lib/server/fast-path/fast-path");
    publishFastPath();
  }
}
