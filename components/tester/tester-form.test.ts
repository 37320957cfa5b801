import { describe, expect, it } from "vitest";
import { probeRequestSchema } from "@/lib/api/schemas/probe";
import { testerRequestSchema } from "@/lib/api/schemas/probe-record";
import { buildFetchInit, buildProbeRequest, EMPTY_FORM, toProbeApiRequest, formFromSearchParams, probeCredentials, requestHeaders, runAgainOmissions, SAME_ORIGIN_TARGET_MESSAGE, searchParamsFromRequest, suggestCheckName, validateForm, type TesterForm } from "./tester-form";

const PAGE = "http://127.0.0.1:3000";
const form = (overrides: Partial<TesterForm>): TesterForm => ({ ...EMPTY_FORM, url: "http://api.test:8080/orders", ...overrides });

describe("requestHeaders", () => {
  it("adds the body type's Content-Type unless a row sets one", () => {
    expect(requestHeaders(form({ bodyType: "json", method: "PUT" }))).toEqual({ "Content-Type": "application/json" });
    expect(requestHeaders(form({ bodyType: "form", method: "POST" }))).toEqual({ "Content-Type": "application/x-www-form-urlencoded" });
    expect(requestHeaders(form({ bodyType: "text", method: "POST" }))).toEqual({ "Content-Type": "text/plain;charset=UTF-8" });
    expect(requestHeaders(form({ bodyType: "json", method: "PUT", headers: [{ name: "content-type", value: "application/merge-patch+json" }] }))).toEqual({ "content-type": "application/merge-patch+json" });
  });

  it("skips rows without a name", () => {
    expect(requestHeaders(form({ headers: [{ name: " ", value: "" }, { name: "Authorization", value: "Bearer x" }] }))).toEqual({ Authorization: "Bearer x" });
  });
});

describe("buildFetchInit", () => {
  it("builds a CORS fetch with the form's method, headers, body and credentials, bypassing the HTTP cache", () => {
    const { url, init } = buildFetchInit(form({ method: "put", bodyType: "json", body: '{"a":1}', credentials: "include", headers: [{ name: "Authorization", value: "Bearer t" }] }));
    expect(url).toBe("http://api.test:8080/orders");
    expect(init).toEqual({
      method: "PUT",
      headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
      body: '{"a":1}',
      credentials: "include",
      mode: "cors",
      cache: "no-store",
      redirect: "follow",
    });
  });

  it("lets the run reuse cached preflights on request", () => {
    expect(buildFetchInit(form({ browserCache: "default" })).init.cache).toBe("default");
  });

  it("keeps custom methods as typed (fetch only uppercases the six standard names, not PATCH)", () => {
    expect(buildFetchInit(form({ method: "patch" })).init.method).toBe("patch");
    expect(buildFetchInit(form({ method: "PROPFIND" })).init.method).toBe("PROPFIND");
    expect(buildFetchInit(form({ method: "get" })).init.body).toBeUndefined();
  });
});

describe("probe request", () => {
  it("maps same-origin credentials to omit for a cross-origin target, include for the page's own origin", () => {
    expect(probeCredentials("same-origin", "http://api.test/x", PAGE)).toBe("omit");
    expect(probeCredentials("same-origin", `${PAGE}/api/x`, PAGE)).toBe("include");
    expect(probeCredentials("include", "http://api.test/x", PAGE)).toBe("include");
  });

  it("uses the page's origin in the browser mode and the typed one in the server mode; validates against the API schema", () => {
    const browser = buildProbeRequest(form({ method: "PUT", bodyType: "json", body: "{}", credentials: "same-origin", origin: "https://ignored.example", sendActual: true }), PAGE);
    expect(browser).toMatchObject({ origin: PAGE, method: "PUT", credentials: "omit", browserCredentials: "same-origin", sendActual: true, body: { type: "json", text: "{}" } });
    expect(testerRequestSchema.safeParse(browser).success).toBe(true);
    const server = buildProbeRequest(form({ mode: "server", origin: " https://new.example.com ", credentials: "include", sendActual: true }), PAGE);
    expect(server).toMatchObject({ origin: "https://new.example.com", credentials: "include", sendActual: false });
    expect(server.body).toBeUndefined();
  });

  it("sends the probe API only the fields its strict schema takes", () => {
    const full = buildProbeRequest(form({ method: "PUT", bodyType: "json", body: "{}", credentials: "same-origin", browserCache: "default", headers: [{ name: "Authorization", value: "x" }] }), PAGE);
    const parsed = probeRequestSchema.safeParse(toProbeApiRequest(full));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(toProbeApiRequest(full)).toEqual({ url: full.url, origin: PAGE, method: "PUT", headers: { Authorization: "x", "Content-Type": "application/json" }, credentials: "omit", sendActual: false });
  });
});

describe("validateForm", () => {
  it("accepts a complete request", () => {
    expect(validateForm(form({ method: "PUT", bodyType: "json", body: '{"ok":true}' }))).toEqual({});
  });

  it("names each bad field with a fix", () => {
    const errors = validateForm(
      form({ mode: "server", url: "/orders", origin: "https://app.example.com/", method: "GET", bodyType: "text", headers: [{ name: "", value: "x" }, { name: "Bad Name", value: "1" }] }),
    );
    expect(errors.url).toMatch(/absolute/);
    expect(errors.origin).toBe("Give the serialized origin only (no path, query or trailing slash): https://app.example.com.");
    expect(errors.body).toMatch(/can't have a body/);
    expect(errors["headers.0"]).toMatch(/name/);
    expect(errors["headers.1"]).toMatch(/not a valid header name/);
  });

  it("checks the origin only when probing as another origin; refuses forbidden and malformed methods, bad JSON", () => {
    expect(validateForm(form({ origin: "nonsense" })).origin).toBeUndefined();
    expect(validateForm(form({ mode: "server", origin: "null" })).origin).toBeUndefined();
    expect(validateForm(form({ mode: "server", origin: "ftp://x" })).origin).toMatch(/http/);
    expect(validateForm(form({ method: "TRACE" })).method).toMatch(/forbidden/);
    expect(validateForm(form({ method: "GE T" })).method).toMatch(/one word/);
    expect(validateForm(form({ method: "POST", bodyType: "json", body: "{oops" })).body).toMatch(/JSON/);
    expect(validateForm(form({ url: "ftp://files.example.com/x" })).url).toMatch(/ftp:/);
  });
});

describe("query-string prefill", () => {
  it("reads a link from elsewhere, switching to the server mode when an origin is given", () => {
    const f = formFromSearchParams(new URLSearchParams("url=https://api.example.com/x&method=DELETE&origin=https://new.example.com&header=Authorization:%20Bearer%20a:b&credentials=include&bodyType=bogus"));
    expect(f).toMatchObject({ mode: "server", url: "https://api.example.com/x", method: "DELETE", origin: "https://new.example.com", credentials: "include", bodyType: "none" });
    expect(f.headers).toEqual([{ name: "Authorization", value: "Bearer a:b" }]);
    expect(formFromSearchParams(new URLSearchParams(""))).toEqual(EMPTY_FORM);
  });

  it("round-trips a saved request without credentials (Run again)", () => {
    const original = form({ method: "PUT", bodyType: "json", body: '{"a":1}', credentials: "same-origin", browserCache: "default", headers: [{ name: "X-Request-Id", value: "r-1" }] });
    const params = searchParamsFromRequest(buildProbeRequest(original, PAGE), "browser");
    expect(formFromSearchParams(params)).toEqual(original);
    const server = form({ mode: "server", origin: "https://qa.example.com", credentials: "include" });
    expect(formFromSearchParams(searchParamsFromRequest(buildProbeRequest(server, PAGE), "server"))).toEqual(server);
  });
});

describe("suggestCheckName", () => {
  it("says who can do what where", () => {
    expect(suggestCheckName({ origin: "https://app.example.com", method: "PUT", url: "https://api.example.com/orders?x=1", credentials: "include" })).toBe(
      "https://app.example.com can PUT api.example.com/orders with credentials",
    );
  });
  it("keeps an unparsable URL as typed and stays within 200 characters", () => {
    expect(suggestCheckName({ origin: "https://a.example", method: "GET", url: "nope", credentials: "omit" })).toBe("https://a.example can GET nope");
    expect(suggestCheckName({ origin: "https://a.example", method: "GET", url: `https://b.example/${"x".repeat(300)}`, credentials: "omit" }).length).toBe(200);
  });
});

describe("validateForm: the dashboard's own origin", () => {
  it("refuses a browser run against the dashboard (a crafted link would run as the signed-in user)", () => {
    const crafted = formFromSearchParams(new URLSearchParams({ url: `${PAGE}/api/v1/projects`, method: "POST", bodyType: "json", body: "{}", credentials: "same-origin" }));
    expect(validateForm(crafted, PAGE).url).toBe(SAME_ORIGIN_TARGET_MESSAGE);
    expect(validateForm(form({ url: `${PAGE.toUpperCase().replace("HTTP", "http")}/x` }), PAGE).url).toBe(SAME_ORIGIN_TARGET_MESSAGE);
  });

  it("allows other origins (another port or host is cross-origin) and the server probe of any URL", () => {
    expect(validateForm(form({ url: "http://127.0.0.1:3001/x" }), PAGE).url).toBeUndefined();
    expect(validateForm(form({ url: "http://localhost:3000/x" }), PAGE).url).toBeUndefined();
    expect(validateForm(form({ mode: "server", origin: "https://app.example.com", url: `${PAGE}/api/v1/projects` }), PAGE).url).toBeUndefined();
  });
});

describe("Run again link of a saved request", () => {
  const saved = (headers: Record<string, string>, body?: { type: "json" | "text"; text: string }) => ({
    url: "http://api.test:8080/orders",
    origin: PAGE,
    method: "PUT",
    headers,
    credentials: "omit" as const,
    sendActual: false,
    ...(body ? { body } : {}),
  });

  it("leaves credential header values empty (masked or not) and names them", () => {
    const request = saved({ Authorization: "••••", "X-Api-Key": "k-123", "X-Trace": "abc" });
    const params = searchParamsFromRequest(request, "browser");
    expect(params.getAll("header")).toEqual(["Authorization: ", "X-Api-Key: ", "X-Trace: abc"]);
    expect(params.toString()).not.toContain("k-123");
    expect(formFromSearchParams(params).headers).toEqual([
      { name: "Authorization", value: "" },
      { name: "X-Api-Key", value: "" },
      { name: "X-Trace", value: "abc" },
    ]);
    expect(runAgainOmissions(request)).toEqual({ headers: ["Authorization", "X-Api-Key"], bodyBytes: null });
  });

  it("keeps a body up to 2 KiB and drops a longer one", () => {
    expect(searchParamsFromRequest(saved({}, { type: "text", text: "x".repeat(2048) }), "browser").get("body")).toHaveLength(2048);
    const long = saved({}, { type: "json", text: JSON.stringify({ v: "é".repeat(1100) }) });
    const params = searchParamsFromRequest(long, "browser");
    expect(params.get("body")).toBeNull();
    expect(params.get("bodyType")).toBe("json");
    expect(runAgainOmissions(long).bodyBytes).toBeGreaterThan(2048);
  });
});
