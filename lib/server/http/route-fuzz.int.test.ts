import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { documentedRoutes, leafPaths, renameKeyAt, replaceAt, sampleOf, type DocumentedRoute } from "@/lib/server/http/test-support/openapi-walk";

/**
 * Issue 12, finding 3: text the database can't store (NUL, an unpaired UTF-16
 * surrogate), over-long strings and wrong types, in every path parameter,
 * query parameter and body field (values and keys) of every route of the
 * OpenAPI document, on each database. Nothing may answer 5xx; the first
 * tests pin the answer for the examples (a 422 naming the field).
 */
process.env.CORSBOARD_PROBE_RATE_LIMIT = "100000";
// Fuzzed probes of loopback URLs are refused before anything is sent.
process.env.CORSBOARD_PROBE_ALLOW_PRIVATE = "0";

const ADMIN_SECRET = "cb_fuzz-admin-token-0123456789abcdef";
const NUL = "a\u0000b";
const LONE_SURROGATE = "a\ud800b";
const LONG = "x".repeat(20_000);
const TEXT_VALUES = [NUL, LONE_SURROGATE, "\udfff", LONG];
/**
 * Values of the right JSON type that the database can't hold: integers past
 * PostgreSQL's int4 (and past 2^53), dates outside its timestamp range.
 */
const OUT_OF_RANGE: unknown[] = [2147483648, -2147483649, 1e308, 2 ** 53 + 2, "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", "9999-12-31T23:59:59Z"];
const WRONG_TYPES: unknown[] = [12345, -1, true, null, [], {}, [NUL], { x: NUL }, ...OUT_OF_RANGE];
/**
 * JSON nested deeper than any route takes: code that walks a body
 * recursively overflows the stack on it. Sent as text (JSON.stringify
 * itself recurses), as the whole body and in place of each field.
 */
const DEEP_JSON = "[".repeat(20_000) + "]".repeat(20_000);
const DEEP_MARK = "\u0001deep\u0001";
/** Valid values for the parameters not being fuzzed, so fuzzed values reach the database. */
const VALID_PARAMS: Record<string, string> = { project: "fuzz", environment: "dev", id: "x", number: "1" };
/** Path parameters that are numbers: values past int4 too. */
const NUMBER_PARAM_VALUES = ["2147483648", "99999999999999999999", "-2147483649"];

/** Who creates the fixtures (an admin token: a user actor would need a user row for its audit entry). */
const SYSTEM = { kind: "token" as const, id: "fuzz", name: "fuzz", scope: "admin" as const, projectId: null, environmentId: null, role: "admin" as const };

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes = documentedRoutes();
const load = async () => ({
  handlers: Object.fromEntries(await Promise.all(routes.map(async (r) => [r.file, (await import(`@/${r.file}`)) as Record<string, Handler>] as const))),
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/tokens/init-admin-token")),
});

interface Case {
  label: string;
  params: Record<string, string>;
  query: string;
  body?: unknown;
  /** The body's text, when JSON.stringify can't write it (DEEP_JSON). */
  rawBody?: string;
}

function casesFor(route: DocumentedRoute): Case[] {
  const params = Object.fromEntries(route.pathParams.map((p) => [p, VALID_PARAMS[p] ?? "x"]));
  const cases: Case[] = [];
  for (const p of route.pathParams) {
    for (const v of [...TEXT_VALUES, ...NUMBER_PARAM_VALUES]) cases.push({ label: `params.${p}=${JSON.stringify(v.slice(0, 8))}`, params: { ...params, [p]: v }, query: "" });
  }
  const base = route.body ? sampleOf(route.body) : undefined;
  for (const q of route.queryParams) {
    // A lone surrogate can't be written in a URL (it is turned into U+FFFD); %ED%A0%80 is its UTF-8-like bytes.
    for (const raw of [encodeURIComponent(NUL), "%ED%A0%80", "%00", encodeURIComponent(LONG), "%5B%5D", "1e999", "-1", "2147483648", "-2147483649", "99999999999999999999", "0000-01-01T00:00:00Z", "%2B275760-09-13T00:00:00.000Z"]) {
      cases.push({ label: `query.${q}=${raw.slice(0, 12)}`, params, query: `?${q}=${raw}`, body: base });
    }
    cases.push({ label: `query.${q} twice`, params, query: `?${q}=a&${q}=b`, body: base });
  }
  if (route.body) {
    for (const whole of [[], "x", 1, null, {}, NUL]) cases.push({ label: `body=${JSON.stringify(whole)}`, params, query: "", body: whole });
    cases.push({ label: "body nested 20 000 deep", params, query: "", rawBody: DEEP_JSON });
    for (const path of leafPaths(base)) {
      const at = `body.${path.join(".")}`;
      for (const v of [...TEXT_VALUES, ...WRONG_TYPES]) cases.push({ label: `${at}=${JSON.stringify(v)?.slice(0, 10)}`, params, query: "", body: replaceAt(base, path, v) });
      cases.push({ label: `${at} nested 20 000 deep`, params, query: "", rawBody: JSON.stringify(replaceAt(base, path, DEEP_MARK)).replace(JSON.stringify(DEEP_MARK), DEEP_JSON) });
      if (typeof path[path.length - 1] === "string") {
        for (const key of [NUL, LONE_SURROGATE]) cases.push({ label: `${at} key ${JSON.stringify(key)}`, params, query: "", body: renameKeyAt(base, path, key) });
      }
    }
  }
  return cases;
}

/** The URL form of a path parameter; a lone surrogate has none (Next's proxy refuses its bytes), the handler gets it in `params`. */
function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "x";
  }
}

async function send(handler: Handler, route: DocumentedRoute, c: Case): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const url = `http://localhost:3000${route.path.replace(/\{(\w+)\}/g, (_, p: string) => pathSegment(c.params[p] ?? "x"))}${c.query}`;
  const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_SECRET}` };
  const body = c.rawBody ?? (c.body !== undefined ? JSON.stringify(c.body) : undefined);
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await handler(new Request(url, { method: route.method, headers, ...(body !== undefined ? { body } : {}) }), {
    params: Promise.resolve(c.params),
  });
  if ((res.headers.get("content-type") ?? "").includes("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, json: null };
  }
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

describe.each(TEST_BACKENDS)("every documented route fuzzed, on %s", (backend) => {
  const t = useTestBackend(backend, load);
  const handler = (route: DocumentedRoute) => {
    const h = t.m.handlers[route.file]?.[route.method];
    if (!h) throw new Error(`${route.method} ${route.path}: no handler exported by ${route.file}`);
    return h;
  };
  const route = (method: string, path: string) => {
    const r = routes.find((x) => x.method === method && x.path === path);
    if (!r) throw new Error(`${method} ${path} is not in the OpenAPI document`);
    return r;
  };

  // Fixtures every test of this backend uses (a hook, not a test: each test runs alone).
  beforeAll(async () => {
    await t.m.ensureInitAdminToken(ADMIN_SECRET);
    // Must exist (with dev, staging, prod), or every project-scoped case stops at a 404 before the database.
    await t.m.createProject(SYSTEM, { slug: "fuzz", name: "Fuzz" } as never);
  });

  it("answers the issue's examples with a 422 naming the field", async () => {
    const audit = await send(handler(route("GET", "/api/v1/audit")), route("GET", "/api/v1/audit"), { label: "", params: {}, query: "?actor=%00" });
    expect(audit.status).toBe(422);
    expect(audit.json?.errors).toEqual([expect.objectContaining({ field: "query.actor", code: "invalid_text" })]);

    const cr = route("GET", "/api/v1/change-requests/{id}");
    const byId = await send(handler(cr), cr, { label: "", params: { id: "\u0000" }, query: "" });
    expect(byId.status).toBe(422);
    expect(byId.json?.errors).toEqual([expect.objectContaining({ field: "params.id", code: "invalid_text" })]);

    const create = route("POST", "/api/v1/projects");
    const body = await send(handler(create), create, { label: "", params: {}, query: "", body: { slug: "ok", name: "Shop", description: "lone \ud800 surrogate" } });
    expect(body.status).toBe(422);
    expect(body.json?.errors).toEqual([expect.objectContaining({ field: "body.description", code: "invalid_text" })]);
  });

  it("numbers past int4 and instants outside PostgreSQL's range are a 422 naming the field, not a database error", async () => {
    await t.m.createProject(SYSTEM, { slug: "ranges", name: "Ranges" } as never);
    const predict = route("GET", "/api/v1/projects/{project}/environments/{environment}/checks/predict");
    const version = await send(handler(predict), predict, { label: "", params: { project: "ranges", environment: "dev" }, query: "?version=2147483648" });
    expect(version.status).toBe(422);
    expect(version.json?.errors).toEqual([expect.objectContaining({ field: "query.version" })]);

    const audit = route("GET", "/api/v1/audit");
    // 0001-01-01T00:30+01:00 is in year 0 in UTC, which PostgreSQL's timestamp has no room for.
    for (const [name, value] of [["from", "0000-01-01T00:00:00Z"], ["to", "0001-01-01T00:30:00%2B01:00"]]) {
      const res = await send(handler(audit), audit, { label: "", params: {}, query: `?${name}=${value}` });
      expect(res.status, `${name}=${value}`).toBe(422);
      expect(res.json?.errors).toEqual([expect.objectContaining({ field: `query.${name}` })]);
    }
  });

  for (const r of routes) {
    it(`${r.method} ${r.path}: no 5xx`, async () => {
      const failures: string[] = [];
      for (const c of casesFor(r)) {
        const res = await send(handler(r), r, c);
        if (res.status >= 500) failures.push(`${c.label} → ${res.status} ${JSON.stringify(res.json)?.slice(0, 120)}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
