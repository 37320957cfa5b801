import { AppError } from "@/lib/server/errors";

/** A config request reaching an instance that is shutting down: retry at once, another instance will answer. */
export function shuttingDown(): AppError {
  return new AppError(503, "shutting_down", "This Corsboard instance is shutting down: retry, another instance will answer.");
}
