// One HTTP request of the probe, made like a browser's network stack would
// but without following redirects (run-probe.ts follows them hop by hop): connects to the pinned address, keeps Host
// and TLS SNI = the URL's host name, gives up after a timeout and reads at
// most a bounded number of body bytes.

import http from "node:http";
import https from "node:https";
import type { RawHeaders } from "@/lib/cors/simulate";
import { connectionCause, type NetworkCause } from "./probe-outcome";
import { pinnedLookup, type PinnedTarget } from "./ssrf-guard";

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/**
 * Response header bytes accepted, as Chromium does (net::HttpStreamParser's
 * 256 KiB limit). Node's default is 16 KiB, which would turn a response with
 * a long Content-Security-Policy or many cookies into a network error the
 * browser never sees.
 */
export const MAX_RESPONSE_HEADER_BYTES = 256 * 1024;

export interface ExchangeRequest {
  readonly target: PinnedTarget;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
}

export type ExchangeResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly headers: RawHeaders;
      readonly bodyBytes: number;
      /** The body was longer than the limit (or timed out) and was cut. */
      readonly bodyTruncated: boolean;
    }
  | { readonly ok: false; readonly cause: NetworkCause };

/** The response headers as sent, names merged case-insensitively, repeated lines as arrays. */
export function rawHeadersFrom(raw: readonly string[]): RawHeaders {
  const out: Record<string, string | string[]> = {};
  const keyOf = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const lower = name.toLowerCase();
    const key = keyOf.get(lower);
    if (key === undefined) {
      keyOf.set(lower, name);
      out[name] = value;
    } else {
      const prev = out[key] as string | string[];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
  }
  return out;
}

export function exchange(req: ExchangeRequest): Promise<ExchangeResult> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { target } = req;
  const isHttps = target.url.protocol === "https:";
  const isIpLiteral = target.hostname === target.address.address;
  return new Promise((resolve) => {
    let settled = false;
    let status = 0;
    let headers: RawHeaders = {};
    let bodyBytes = 0;
    let gotResponse = false;
    const finish = (result: ExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const options: https.RequestOptions = {
      method: req.method,
      host: target.hostname,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      headers: { ...req.headers },
      lookup: pinnedLookup(target.address) as never,
      family: target.address.family,
      agent: false,
      maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
      // The TLS server name is the URL's host name (not the pinned address); IP literals send none.
      ...(isHttps && !isIpLiteral ? { servername: target.hostname } : {}),
    };
    const request = (isHttps ? https : http).request(options, (res) => {
      gotResponse = true;
      status = res.statusCode ?? 0;
      headers = rawHeadersFrom(res.rawHeaders);
      res.on("data", (chunk: Buffer) => {
        bodyBytes += chunk.length;
        if (bodyBytes > maxBody) {
          bodyBytes = maxBody;
          finish({ ok: true, status, headers, bodyBytes, bodyTruncated: true });
          res.destroy();
          request.destroy();
        }
      });
      res.on("end", () => finish({ ok: true, status, headers, bodyBytes, bodyTruncated: false }));
      res.on("error", () => finish({ ok: true, status, headers, bodyBytes, bodyTruncated: true }));
      res.on("aborted", () => finish({ ok: true, status, headers, bodyBytes, bodyTruncated: true }));
    });
    const timer = setTimeout(() => {
      if (gotResponse) {
        // Headers arrived but the body did not finish: what matters for CORS is already here.
        finish({ ok: true, status, headers, bodyBytes, bodyTruncated: true });
      } else {
        finish({ ok: false, cause: { kind: "timeout", timeoutMs } });
      }
      request.destroy();
    }, timeoutMs);
    // node:http upper-cases every method; a browser sends the method as given
    // except the six fetch normalizes (https://fetch.spec.whatwg.org/#concept-method-normalize),
    // so `patch` must go out as `patch` (a server may route it differently
    // from PATCH). The request line is written on first send, so restoring
    // the exact token here is what goes on the wire.
    if (request.method !== req.method) request.method = req.method;
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (gotResponse) return finish({ ok: true, status, headers, bodyBytes, bodyTruncated: true });
      finish({ ok: false, cause: connectionCause(error) });
    });
    request.end();
  });
}
