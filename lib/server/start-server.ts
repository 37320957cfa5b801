import { ready } from "@/lib/server/bootstrap";

/**
 * Open the database, apply migrations and bootstrap before the first request,
 * so a broken database stops the server with a clear message instead of
 * failing requests one by one.
 */
export async function startServer(): Promise<void> {
  try {
    await ready();
    // Deliveries a previous run left pending are sent now, retries keep their schedule.
    (await import("@/lib/server/webhooks/deliver-webhooks")).startWebhookWorker();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nCorsboard cannot start:\n${message}\n`);
    process.exit(1);
  }
}
