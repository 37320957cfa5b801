import { AppError, badRequest, validationFailed } from "@/lib/server/errors";
import { unstorableTextErrors } from "@/lib/server/http/unstorable-text";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Read a JSON request body with a size cap, refusing non-JSON content types,
 * oversized bodies (413, checked against Content-Length first and then while
 * streaming), malformed JSON (400) and text the database can't store (422,
 * see unstorable-text.ts), each with a message saying what to do.
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.", [
      { field: "body", code: "unsupported_media_type", message: "Set Content-Type: application/json." },
    ]);
  }
  if (!req.body) throw badRequest("empty_body", "The request needs a JSON body.", [{ field: "body", code: "required", message: "Send a JSON object." }]);
  const bytes = await readBodyBytes(req, maxBytes);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") throw badRequest("empty_body", "The request needs a JSON body.", [{ field: "body", code: "required", message: "Send a JSON object." }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid JSON";
    throw badRequest("malformed_json", `The body is not valid JSON (${detail}).`, [{ field: "body", code: "malformed_json", message: detail }]);
  }
  // JSON can spell text the database can't store ("\u0000", a lone "\ud800"): refused here, naming each field.
  const unstorable = unstorableTextErrors(parsed, "body");
  if (unstorable.length > 0) throw validationFailed(unstorable);
  return parsed;
}

/**
 * A request body as bytes, at most `maxBytes` of it: refused with 413 when
 * Content-Length says more, and while streaming as soon as more arrives (the
 * rest is never read), so no route holds an attacker's body in memory.
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError(413, "payload_too_large", `The body is larger than ${maxBytes} bytes; send less data per request.`, [
      { field: "body", code: "too_large", message: `At most ${maxBytes} bytes.` },
    ]);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
