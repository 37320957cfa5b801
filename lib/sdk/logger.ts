import type { CorsboardLogger } from "./types";

/** The default sink: info, warnings and errors on the console; debug only with CORSBOARD_SDK_DEBUG=1. */
export function consoleLogger(): CorsboardLogger {
  const debug = process.env.CORSBOARD_SDK_DEBUG === "1";
  const line = (message: string, fields?: Record<string, unknown>) => (fields && Object.keys(fields).length ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    debug: (m, f) => {
      if (debug) console.debug(line(m, f));
    },
    info: (m, f) => console.info(line(m, f)),
    warn: (m, f) => console.warn(line(m, f)),
    error: (m, f) => console.error(line(m, f)),
  };
}
