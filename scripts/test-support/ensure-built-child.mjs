// Child process for build-once.int.test.ts: what `npm start` (or, with
// --force, `npm run build`) does before serving, on the checkout in argv[2].
// Prints RESULT <up-to-date|built>.
import { ensureBuilt } from "../build-once.mjs";

const root = process.argv[2];
try {
  console.log(`RESULT ${await ensureBuilt({ root, force: process.argv.includes("--force") })}`);
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}
