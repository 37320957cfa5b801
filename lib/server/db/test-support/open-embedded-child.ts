/**
 * Child process for tests: opens the embedded database in argv[2], prints
 * READY, and keeps it open until stdin closes or it gets killed/signalled;
 * with `--exit`, closes and exits right away. Prints the error and exits 1 when
 * the directory is locked.
 */
import { closeEmbedded, openEmbedded } from "../embedded";

const dir = process.argv[2] as string;
try {
  const db = await openEmbedded(dir);
  await db.query("SELECT 1");
  console.log("READY");
  if (process.argv.includes("--exit")) {
    await closeEmbedded(dir);
  } else {
    setInterval(() => {}, 1000); // stay alive until killed
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
