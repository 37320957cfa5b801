import { promisify } from "node:util";
import zlib from "node:zlib";
import { boundedMemo } from "@/lib/server/config/bounded-memo";
import type { Rendered } from "@/lib/server/config/render-config";

/**
 * Compressed variants of a rendered body, made once per version, format and
 * rule-expiry window (they hang off the `Rendered` object the policy cache
 * keeps, and go with it), in the thread pool so a 300 KB policy never blocks
 * the event loop. Node's fetch (the SDK's) asks for gzip on every request.
 *
 * ETags: each encoding is its own representation, so its strong ETag is the
 * plain one with a suffix (`"<sha>.gzip"`, `"<sha>.br"`; `.` never occurs in
 * the base64url hash). `If-None-Match` is compared on the hash alone: a
 * client holding any encoding of the same bytes is up to date, and the 304
 * carries the ETag of the encoding this request would have received.
 */
export type ContentCoding = "br" | "gzip" | "identity";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

interface Variants {
  identity: Encoded;
  gzip?: Encoded | Promise<Encoded>;
  br?: Encoded | Promise<Encoded>;
}

export interface Encoded {
  coding: ContentCoding;
  body: Buffer;
  etag: string;
}

const variants = new WeakMap<Rendered, Variants>();

/**
 * The best coding the client accepts: br, then gzip (q-values honoured,
 * `q=0` refuses), else identity. Each Accept-Encoding value is parsed once.
 */
export function chooseCoding(acceptEncoding: string | null): ContentCoding {
  return acceptEncoding ? codingOf(acceptEncoding) : "identity";
}

const codingOf = boundedMemo(1_000, parseAcceptEncoding);

function parseAcceptEncoding(acceptEncoding: string): ContentCoding {
  let br = 0;
  let gz = 0;
  let star = -1;
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (name === "br") br = q;
    else if (name === "gzip" || name === "x-gzip") gz = q;
    else if (name === "*") star = q;
  }
  if (star >= 0) {
    if (!/\bbr\b/i.test(acceptEncoding)) br = star;
    if (!/gzip/i.test(acceptEncoding)) gz = star;
  }
  if (br > 0 && br >= gz) return "br";
  if (gz > 0) return "gzip";
  return "identity";
}

function encodedEtag(etag: string, coding: ContentCoding): string {
  return coding === "identity" ? etag : `${etag.slice(0, -1)}.${coding}"`;
}

/**
 * The body in `coding`, compressed on first use and kept. Falls back to the
 * plain bytes when compression would not make them smaller (tiny bodies).
 * Synchronous once made, so the hot path awaits nothing.
 */
export function encodedBody(rendered: Rendered, coding: ContentCoding): Encoded | Promise<Encoded> {
  let v = variants.get(rendered);
  if (!v) variants.set(rendered, (v = { identity: { coding: "identity", body: rendered.body, etag: rendered.etag } }));
  const plain = v.identity;
  if (coding === "identity") return plain;
  const slot = v;
  const existing = slot[coding];
  if (existing) return existing;
  const making = (coding === "br" ? brotli(rendered.body, brotliOptions(rendered.body.length)) : gzip(rendered.body, { level: 9 })).then(
    (body): Encoded => {
      const result = body.length < rendered.body.length ? { coding, body, etag: encodedEtag(rendered.etag, coding) } : plain;
      slot[coding] = result;
      return result;
    },
    (): Encoded => {
      // Compression failing is not the client's problem: serve the plain bytes (and try again next time).
      slot[coding] = undefined;
      return plain;
    },
  );
  slot[coding] = making;
  return making;
}

function brotliOptions(size: number): zlib.BrotliOptions {
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}
