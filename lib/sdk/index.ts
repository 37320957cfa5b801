// @corsboard/sdk — what a service installs to get its CORS policy from
// Corsboard and enforce it. Depends only on the core (lib/cors) and Node
// built-ins. See README.md.
export { createCorsboardClient } from "./client";
export { corsboardMiddleware, corsboardHandler } from "./node";
export { withCors, preflightHandler, applyCorsHeaders } from "./web";
export { corsboardFastify } from "./fastify";
export { handle, appendVary, readHeader } from "./handle";
export { checkDocument, canonicalJson } from "./document";
export { readFallbackFile, writeFallbackFile } from "./fallback-file";
export { consoleLogger } from "./logger";
export type { CorsRequest, HandleResult, HeaderSource } from "./handle";
export type { CorsboardFastifyOptions, CorsboardFastifyPlugin } from "./fastify";
export type { ConfigDocument } from "./document";
export type { ClientStatus, CorsboardClient, CorsboardClientOptions, CorsboardLogger, PolicySource, RefreshMode } from "./types";
export type { CompiledPolicy, EvaluateRequest, EvaluateResult } from "../cors";
export { readBoundedText, BodyTooLargeError, DEFAULT_MAX_CONFIG_BYTES } from "./bounded-read";
export { describeRefusal, refusalOf } from "./refusal";
export type { Refusal, RefusalKind } from "./refusal";
export type { LogLevel } from "./types";
