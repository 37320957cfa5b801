/**
 * Child process for tests: pings the configured database (DATABASE_URL or
 * embedded) and prints `PING <json>` with the result and how long it took.
 */
import { pingDatabase } from "../client";

const started = Date.now();
const result = await pingDatabase();
console.log(`PING ${JSON.stringify({ ...result, ms: Date.now() - started })}`);
// Exit without closing: against a hung server the connection attempt is still
// pending (it gives up after the pool's 5 s connect timeout).
process.exit(0);
