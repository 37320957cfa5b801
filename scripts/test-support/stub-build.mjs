// A stand-in for `next build` (CORSBOARD_BUILD_COMMAND) in build-once.int.test.ts:
// appends a line to $STUB_BUILD_LOG, prints STUB BUILD RUNNING, waits until
// $STUB_BUILD_RELEASE exists (when set), then writes BUILD_ID into the build
// directory and, like next build, edits tsconfig.json.
import fs from "node:fs";
import path from "node:path";

const distDir = path.resolve(process.env.CORSBOARD_DIST_DIR || ".next");
fs.appendFileSync(process.env.STUB_BUILD_LOG, `${process.pid}\n`);
console.log("STUB BUILD RUNNING");
const release = process.env.STUB_BUILD_RELEASE;
// Gives up when the test's directory is gone (its parent was SIGKILLed and the test is over).
if (release) while (!fs.existsSync(release)) {
  if (!fs.existsSync(path.dirname(release))) process.exit(1);
  await new Promise((r) => setTimeout(r, 50));
}
fs.rmSync(distDir, { recursive: true, force: true }); // as next build does
fs.mkdirSync(distDir, { recursive: true });
fs.writeFileSync(path.join(distDir, "BUILD_ID"), "stub\n");
// As next build does for a build directory other than .next (build-once.mjs undoes it).
if (fs.existsSync("tsconfig.json")) fs.appendFileSync("tsconfig.json", `// ${path.basename(distDir)}/types/**/*.ts\n`);
