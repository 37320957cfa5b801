import type { FieldError } from "@/lib/api/problem";

/**
 * Typed application errors. Domain operations throw these; the single error
 * mapper (lib/server/http/problem-response.ts) turns them into problem
 * documents. Anything else becomes a 500 without details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    /** Extra members of the problem document (e.g. the current state on a 409). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** 429 with Retry-After: the caller sent too many requests of one kind. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "rate_limited", message);
  }
}

export const unauthorized = (message = "Sign in, or send an API token as `Authorization: Bearer <token>`.") =>
  new AppError(401, "unauthorized", message);

export const forbidden = (message: string) => new AppError(403, "forbidden", message);

/** 403 for an API token on a route about the signed-in person (their password, their sessions). */
export const sessionRequired = (message: string) => new AppError(403, "session_required", message);

/** 403 sso_only: passwords are turned off (CORSBOARD_SSO_ONLY=1) for every account but the break-glass one. */
export const ssoOnly = (message = "Passwords are turned off: sign in with single sign-on.") => new AppError(403, "sso_only", message);

export const notFound = (what: string) => new AppError(404, "not_found", `${what} was not found.`);

export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, message, undefined, extra);

export const validationFailed = (errors: FieldError[], message = "The request has invalid fields; see `errors`.") =>
  new AppError(422, "validation_failed", message, errors);

export const badRequest = (code: string, message: string, errors?: FieldError[]) =>
  new AppError(400, code, message, errors);
