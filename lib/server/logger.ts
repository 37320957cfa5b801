import pino from "pino";
import { env } from "@/lib/server/env";

let instance: pino.Logger | undefined;

/** Structured logs (pino), one JSON object per line. */
export function logger(): pino.Logger {
  instance ??= pino({ level: env().LOG_LEVEL, base: { app: "corsboard" } });
  return instance;
}
