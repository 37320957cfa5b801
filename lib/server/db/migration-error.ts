/**
 * Why migrating stopped. Every message names the migration and says how to get
 * going again, because it is what an operator reads in the startup log.
 */
export type MigrationErrorCode =
  /** A previous run left a failed migration: nothing more is applied until it is resolved. */
  | "failed-migration"
  /** An applied migration's file changed since it was applied. */
  | "modified-migration"
  /** The migration this run tried to apply failed (and was rolled back). */
  | "apply-failed"
  /** Another instance held the migration lock for too long. */
  | "lock-timeout"
  /** `--resolve-*` was asked for something that is not in the expected state. */
  | "resolve";

export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migrationName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMigrationError(e: unknown): e is MigrationError {
  return e instanceof Error && e.name === "MigrationError" && "code" in e;
}
