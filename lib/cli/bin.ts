// Entry point of the `corsboard` binary (bundled by scripts/pack-packages.mjs,
// which defines CORSBOARD_CLI_VERSION as the package's version).
import { runCli } from "./main";

declare const CORSBOARD_CLI_VERSION: string;

void runCli(process.argv.slice(2), typeof CORSBOARD_CLI_VERSION === "string" ? CORSBOARD_CLI_VERSION : "dev");
