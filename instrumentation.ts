/**
 * Runs once when the Next.js server starts (never during `next build`).
 * The Node.js part lives in its own module so the edge bundle never sees it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("@/lib/server/start-server");
    await startServer();
  }
}
