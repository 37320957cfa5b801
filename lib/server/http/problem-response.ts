import { PROBLEM_CONTENT_TYPE, type Problem } from "@/lib/api/problem";
import { AppError, RateLimitedError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Validation failed",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

/** A problem document as status, headers and body text: what every transport sends (Web Response, node:http). */
export interface ProblemReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function problemReply(problem: Omit<Problem, "type" | "title"> & Partial<Pick<Problem, "title">> & Record<string, unknown>, headers?: Record<string, string>): ProblemReply {
  const body = { type: "about:blank", title: TITLES[problem.status] ?? "Error", ...problem };
  return { status: problem.status, headers: { ...headers, "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" }, body: JSON.stringify(body) };
}

export function problemResponse(problem: Omit<Problem, "type" | "title"> & Partial<Pick<Problem, "title">> & Record<string, unknown>, headers?: HeadersInit): Response {
  const reply = problemReply(problem);
  const h = new Headers(headers);
  for (const [k, v] of Object.entries(reply.headers)) h.set(k, v);
  return new Response(reply.body, { status: reply.status, headers: h });
}

/**
 * The one error mapper: typed application errors keep their status, code and
 * field list; anything unexpected is logged and answered as a bare 500 (never
 * a stack trace).
 */
export function errorToProblem(error: unknown): ProblemReply {
  if (error instanceof AppError) {
    return problemReply({
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.errors ? { errors: error.errors } : {}),
      ...error.extra,
    }, error instanceof RateLimitedError ? { "retry-after": String(error.retryAfterSeconds) } : undefined);
  }
  logger().error({ err: error }, "unhandled error in route handler");
  return problemReply({ status: 500, code: "internal_error", detail: "Something went wrong on our side; the error was logged." });
}

export function errorToResponse(error: unknown): Response {
  const reply = errorToProblem(error);
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
