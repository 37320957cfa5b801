// The `corsboard` command line (package @corsboard/cli): check | probe | pull.
// `npm run check` in the repository runs the same code (scripts/check.ts).

import { parseArgs, type ParseArgsConfig } from "node:util";
import { CHECK_OPTIONS, CHECK_USAGE_OPTIONS, parseCheckArgs, runCheck } from "./check-command";
import { usageError, type CliContext } from "./cli-exit";
import { parseProbeArgs, PROBE_OPTIONS, PROBE_USAGE_OPTIONS, runProbeCommand } from "./probe-command";
import { parsePullArgs, PULL_OPTIONS, PULL_USAGE_OPTIONS, runPull } from "./pull-command";

const HELP = { help: { type: "boolean", short: "h" } } as const;

const COMMANDS = {
  check: {
    summary: "run an environment's saved checks on the Corsboard server (the CI gate)",
    usage: `Usage: corsboard check --server <url> --token <token> --project <slug> --environment <slug> [options]\n\n${CHECK_USAGE_OPTIONS}`,
  },
  probe: {
    summary: "probe one cross-origin request from this machine, as a browser would",
    usage: `Usage: corsboard probe --url <url> --origin <origin> [options]\n\n${PROBE_USAGE_OPTIONS}`,
  },
  pull: {
    summary: "write an environment's policy to a file (nginx, env, origins, json), optionally following changes",
    usage: `Usage: corsboard pull --server <url> --token <token> --project <slug> --environment <slug> --format <f> --out <file> [--watch] [--exec "<command>"]\n\n${PULL_USAGE_OPTIONS}`,
  },
} as const;

const USAGE = `Usage: corsboard <command> [options]   (corsboard <command> --help for its options)

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(7)} ${c.summary}`)
  .join("\n")}
  version print the version`;

function parse<O extends ParseArgsConfig["options"]>(ctx: CliContext, argv: string[], options: O) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, ...HELP }, strict: true, allowPositionals: false });
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(`${ctx.usage}\n`);
      process.exit(0);
    }
    return parsed.values;
  } catch (error) {
    usageError(ctx, (error as Error).message);
  }
}

export async function runCli(argv: string[], version: string): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "version" || command === "--version" || command === "-v") {
    process.stdout.write(`${version}\n`);
    return;
  }
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    process.exit(command === undefined ? 2 : 0);
  }
  if (!(command in COMMANDS)) usageError({ prog: "corsboard", usage: USAGE }, `unknown command "${command}".`);
  const name = command as keyof typeof COMMANDS;
  const ctx: CliContext = { prog: `corsboard ${name}`, usage: COMMANDS[name].usage };
  switch (name) {
    case "check":
      return runCheck(ctx, parseCheckArgs(ctx, parse(ctx, rest, CHECK_OPTIONS)));
    case "probe":
      return runProbeCommand(ctx, parseProbeArgs(ctx, parse(ctx, rest, PROBE_OPTIONS)));
    case "pull":
      return runPull(ctx, parsePullArgs(ctx, parse(ctx, rest, PULL_OPTIONS)));
  }
}

/** `npm run check -- --url … | --server …`: the repository's original form, probe or saved checks by flags. */
export async function runLegacyCheck(argv: string[]): Promise<void> {
  const usage = `Usage: npm run check -- --url <url> --origin <origin> [options]
       npm run check -- --server <url> --token <token> --project <slug> --environment <slug> [--json]

Probe one request from this machine (corsboard probe):

${PROBE_USAGE_OPTIONS}

Run an environment's saved checks on a Corsboard server, a CI gate (corsboard check):

${CHECK_USAGE_OPTIONS}`;
  const ctx: CliContext = { prog: "check", usage };
  const v = parse(ctx, argv, { ...PROBE_OPTIONS, ...CHECK_OPTIONS });
  if (v.server !== undefined || v.project !== undefined || v.environment !== undefined) return runCheck(ctx, parseCheckArgs(ctx, v));
  return runProbeCommand(ctx, parseProbeArgs(ctx, v));
}
