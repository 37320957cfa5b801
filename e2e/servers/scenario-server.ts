// A CORS scenario server for browser tests: serves configured preflight and
// actual responses per path, on two hosts of one port (`api.test`,
// `other.test`), plus a page on another port (`app.test`) from which the
// browser fetches. Every request that reaches it is logged, so a test can tell
// "blocked at the preflight" (the actual request never arrived) from "blocked
// at the actual response".
//
// Needs the browser to resolve *.test to 127.0.0.1
// (`--host-resolver-rules=MAP *.test 127.0.0.1`).

import { DROP_CONNECTION, startRawHttpServer, type RawRequest, type RawResponse } from "./raw-http-server";

export type ResponseHeaders = Record<string, string | readonly string[]>;

export interface RouteResponse {
  readonly status: number;
  /** Written as given: an array sends the header on several lines. */
  readonly headers: ResponseHeaders;
  readonly body?: string;
  /** Close the connection instead of answering: the browser sees a network error. */
  readonly dropConnection?: boolean;
}

export interface Route {
  /** The answer to OPTIONS. Default: 404 without CORS headers. */
  readonly preflight?: RouteResponse;
  /** The answer to every other method. Default: 404 without CORS headers. */
  readonly actual?: RouteResponse;
}

export interface LoggedRequest {
  /** The Host header, e.g. `api.test:41234`. */
  readonly host: string;
  readonly path: string;
  readonly method: string;
  /** Request headers, names lowercased, repeated lines joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The status answered, or 0 when the connection was dropped. */
  readonly status: number;
}

export interface ScenarioServer {
  /** `http://api.test:<port>` — where scenario routes live. */
  readonly apiOrigin: string;
  /** `http://other.test:<port>` — same server, another origin (for cross-origin redirects). */
  readonly otherOrigin: string;
  /** `http://app.test:<port2>` — the page's origin. */
  readonly appOrigin: string;
  /** `/` is a blank page; `/sandboxed` is a page with an opaque origin (CSP sandbox). */
  readonly pageUrl: string;
  readonly sandboxedPageUrl: string;
  setRoute(path: string, route: Route): void;
  /** Requests to the path or below it (`/s/a` matches `/s/a` and `/s/a/b`, not `/s/ab`), in arrival order. */
  requests(pathPrefix: string): readonly LoggedRequest[];
  close(): Promise<void>;
}

export const NOT_CONFIGURED: RouteResponse = { status: 404, headers: { "Content-Type": "text/plain" }, body: "not configured" };

/**
 * Exactly what the server answers for a method on a route: the configured
 * response (or NOT_CONFIGURED) plus `Cache-Control: no-store`. Tests feed this
 * same value to the simulator. (The server also writes Content-Length and
 * Connection, which CORS never looks at.)
 */
export function responseFor(route: Route | undefined, method: string): RouteResponse {
  const configured = (method === "OPTIONS" ? route?.preflight : route?.actual) ?? NOT_CONFIGURED;
  return { ...configured, headers: { ...configured.headers, "Cache-Control": "no-store" } };
}

const PAGE = "<!doctype html><meta charset=utf-8><title>corsboard differential</title><p>scenario page</p>";

export async function startScenarioServer(): Promise<ScenarioServer> {
  const routes = new Map<string, Route>();
  const log: LoggedRequest[] = [];

  const handler =
    (isApp: boolean) =>
    (req: RawRequest): RawResponse | typeof DROP_CONNECTION => {
      const path = new URL(req.target, "http://placeholder").pathname;
      if (path.startsWith("/s/")) {
        const response = responseFor(routes.get(path), req.method);
        const lines: [string, string][] = [];
        for (const [name, value] of Object.entries(response.headers)) {
          for (const v of typeof value === "string" ? [value] : value) lines.push([name, v]);
        }
        log.push({ host: headerValue(req, "host"), path, method: req.method, headers: flatten(req), status: response.dropConnection === true ? 0 : response.status });
        if (response.dropConnection === true) return DROP_CONNECTION;
        return { status: response.status, headers: lines, body: response.body ?? "" };
      }
      if (isApp && (path === "/" || path === "/sandboxed")) {
        const headers: [string, string][] = [["Content-Type", "text/html; charset=utf-8"]];
        if (path === "/sandboxed") headers.push(["Content-Security-Policy", "sandbox allow-scripts"]);
        return { status: 200, headers, body: PAGE };
      }
      return { status: 404, headers: [] };
    };

  const api = await startRawHttpServer(handler(false));
  const app = await startRawHttpServer(handler(true));

  const appOrigin = `http://app.test:${app.port}`;
  return {
    apiOrigin: `http://api.test:${api.port}`,
    otherOrigin: `http://other.test:${api.port}`,
    appOrigin,
    pageUrl: `${appOrigin}/`,
    sandboxedPageUrl: `${appOrigin}/sandboxed`,
    setRoute: (path, route) => void routes.set(path, route),
    requests: (prefix) => log.filter((r) => r.path === prefix || r.path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`)),
    close: async () => {
      await Promise.all([api.close(), app.close()]);
    },
  };
}

function headerValue(req: RawRequest, name: string): string {
  return req.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? "";
}

function flatten(req: RawRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of req.headers) {
    const name = rawName.toLowerCase();
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}
