import { errorToProblem } from "@/lib/server/http/problem-response";

/**
 * The config API's rules are written once against these small shapes, so
 * the same code answers through Next's route handlers (Web Request/Response)
 * and through the fast path (node's req/res, lib/server/fast-path). Only
 * the adapters differ; statuses, headers and bytes can't.
 */
export interface ConfigHttpRequest {
  headers: { get(name: string): string | null };
  /** The query string, without `?` ("" when none). */
  queryString: string;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A complete answer. Header names are lower-case. */
export interface ConfigReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export interface ConfigParams {
  project?: string;
  environment?: string;
}

export function problemConfigReply(error: unknown): ConfigReply {
  const problem = errorToProblem(error);
  const body = Buffer.from(problem.body, "utf8");
  return { status: problem.status, headers: { ...problem.headers, "content-length": String(body.length) }, body };
}

/** Next's side: a Web Request as a config request. */
export function fromWebRequest(req: Request): ConfigHttpRequest {
  const url = req.url;
  const q = url.indexOf("?");
  return { headers: req.headers, queryString: q < 0 ? "" : url.slice(q + 1), signal: req.signal };
}

/**
 * A value now or later: the config API's hot path answers from memory without
 * allocating promises. (Not named `then`: a module exporting `then` is a
 * thenable, and `await import()` of it would call it.)
 */
export type MaybePromise<T> = T | Promise<T>;

export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

export function toWebResponse(reply: ConfigReply): Response {
  return new Response(reply.body ? new Uint8Array(reply.body) : null, { status: reply.status, headers: reply.headers });
}
