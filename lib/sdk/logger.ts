import type { CorsboardLogger, LogLevel } from "./types";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const LEVELS = Object.keys(RANK) as LogLevel[];

export const DEFAULT_LOG_LEVEL: LogLevel = "warn";

/**
 * The level in force: the option, else `CORSBOARD_SDK_LOG_LEVEL`, else
 * `CORSBOARD_SDK_DEBUG=1` (the old switch, kept as an alias of "debug"), else
 * "warn". An unknown value falls back to "warn" and says so in `problem`.
 */
export function resolveLogLevel(option: string | undefined, env: Record<string, string | undefined> = process.env): { level: LogLevel; problem: string | null } {
  const [value, source] = option !== undefined ? [option, "the logLevel option"] : [env.CORSBOARD_SDK_LOG_LEVEL, "CORSBOARD_SDK_LOG_LEVEL"];
  if (value === undefined || value === "") return { level: env.CORSBOARD_SDK_DEBUG === "1" ? "debug" : DEFAULT_LOG_LEVEL, problem: null };
  const level = value.trim().toLowerCase() as LogLevel;
  if (LEVELS.includes(level)) return { level, problem: null };
  return { level: DEFAULT_LOG_LEVEL, problem: `Corsboard: ${source} is ${JSON.stringify(value)}; expected one of ${LEVELS.join(", ")}. Using "${DEFAULT_LOG_LEVEL}".` };
}

/** True when `level` lines are written at the level in force `min`. */
export function logsAt(min: LogLevel, level: Exclude<LogLevel, "silent">): boolean {
  return RANK[level] >= RANK[min];
}

/** The sink with the lines below `min` dropped before they reach it. */
export function filterLogger(sink: CorsboardLogger, min: LogLevel): CorsboardLogger {
  const off = () => {};
  return {
    debug: logsAt(min, "debug") ? (m, f) => sink.debug(m, f) : off,
    info: logsAt(min, "info") ? (m, f) => sink.info(m, f) : off,
    warn: logsAt(min, "warn") ? (m, f) => sink.warn(m, f) : off,
    error: logsAt(min, "error") ? (m, f) => sink.error(m, f) : off,
  };
}

/** The default sink: the console, one line per message (fields as JSON). The client filters by level. */
export function consoleLogger(): CorsboardLogger {
  const line = (message: string, fields?: Record<string, unknown>) => (fields && Object.keys(fields).length ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    debug: (m, f) => console.debug(line(m, f)),
    info: (m, f) => console.info(line(m, f)),
    warn: (m, f) => console.warn(line(m, f)),
    error: (m, f) => console.error(line(m, f)),
  };
}
