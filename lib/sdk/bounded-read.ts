/** 8 MiB: a policy of 5,000 origin rules is about 0.5 MiB, so this is far above any real one. */
export const DEFAULT_MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** A config answer (or one SSE event) larger than the limit: refused before it is held in memory. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    what: string,
  ) {
    super(`${what} is larger than maxConfigBytes (${describeBytes(limit)}): refused. Raise maxConfigBytes if the policy is really this large.`);
    this.name = "BodyTooLargeError";
  }
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads a response body as text, refusing it once it is over `maxBytes`: a
 * Content-Length above the limit is refused before reading, and the bytes of
 * the stream are counted as they arrive (a server that streams endlessly, or
 * lies about its length, is cut off at the limit). On refusal the body is
 * cancelled, which aborts the request, so memory never holds more than
 * `maxBytes` plus one chunk. Used by the SDK client and the CLI's `pull`.
 */
export async function readBoundedText(res: Response, maxBytes: number, what = "the config answer"): Promise<string> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes, `${what} (Content-Length ${declared})`);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes, what);
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder();
  let text = "";
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
