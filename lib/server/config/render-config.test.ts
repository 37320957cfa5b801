import { describe, expect, it } from "vitest";
import { defaultSettings } from "@/lib/cors";
import type { ServedPolicy } from "@/lib/api/schemas/config";
import { activePolicy, envValue, etagMatches, nginxMapKey, renderConfig, type PublishedVersion } from "@/lib/server/config/render-config";

const base: Omit<ServedPolicy, "origins"> = defaultSettings();
const version = (origins: { value: string; expiresAt: string | null }[], extra: Partial<typeof base> = {}): PublishedVersion => ({
  environmentId: "e1",
  version: 7,
  publishedAt: new Date("2026-03-01T00:00:00Z"),
  policy: { ...base, ...extra, origins },
});
const names = { project: "shop", environment: "prod" };

describe("nginx map keys", () => {
  it("exact origins as strings, wildcards as anchored, escaped, case-sensitive regexes", () => {
    expect(nginxMapKey("https://app.example.com")).toBe('"https://app.example.com"');
    expect(nginxMapKey("https://*.example.com")).toBe('"~^https://[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.example\\.com$"');
    expect(nginxMapKey("http://localhost:*")).toBe('"~^http://localhost(:[0-9]{1,5})?$"');
    expect(nginxMapKey("https://*.example.com:8443")).toBe('"~^https://[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.example\\.com:8443$"');
    expect(nginxMapKey("null")).toBe('"null"');
    expect(nginxMapKey("*")).toBeNull();
  });
  it("the regex matches what the core's pattern matches, and nothing of the look-alikes", () => {
    const key = nginxMapKey("https://*.example.com")!;
    const re = new RegExp(key.slice(2, -1));
    for (const ok of ["https://a.example.com", "https://a.b.example.com", "https://x_y-z.example.com"]) expect(re.test(ok), ok).toBe(true);
    for (const bad of ["https://example.com", "https://evil-example.com", "https://a.example.com.evil.net", "https://a.examplexcom", "http://a.example.com", "https://a.example.com:444", "https://A.example.com"]) {
      expect(re.test(bad), bad).toBe(false);
    }
  });
  it("a * policy becomes the default; credentials get their own map", () => {
    const any = renderConfig(version([{ value: "*", expiresAt: null }]), names, "nginx", 0).body.toString();
    expect(any).toContain('    default "*";');
    const creds = renderConfig(version([{ value: "https://a.example.com", expiresAt: null }], { allowCredentials: true, allowedMethods: ["PUT"], maxAgeSeconds: 60 }), names, "nginx", 0).body.toString();
    expect(creds).toContain('    default "";');
    expect(creds).toContain("map $cors_allow_origin $cors_allow_credentials {");
    expect(creds).toContain('add_header Access-Control-Allow-Methods "PUT" always;');
    expect(creds).toContain("add_header Access-Control-Max-Age 60 always;");
  });
});

describe("env format", () => {
  it("bare values when safe, double-quoted with escapes otherwise", () => {
    expect(envValue("https://a.example.com,https://*.b.example.com")).toBe("https://a.example.com,https://*.b.example.com");
    expect(envValue("")).toBe("");
    expect(envValue("x-a$b")).toBe('"x-a\\$b"');
    expect(envValue('a"b`c\\')).toBe('"a\\"b\\`c\\\\"');
  });
});

describe("expiry and ETags", () => {
  it("drops expired rules and says until when the rendering holds", () => {
    const now = Date.parse("2026-03-02T00:00:00Z");
    const { policy, validUntil } = activePolicy(
      version([
        { value: "https://a.example.com", expiresAt: null },
        { value: "https://old.example.com", expiresAt: "2026-03-01T00:00:00.000Z" },
        { value: "https://soon.example.com", expiresAt: "2026-03-03T00:00:00.000Z" },
        { value: "https://later.example.com", expiresAt: "2026-04-01T00:00:00.000Z" },
      ]).policy,
      now,
    );
    expect(policy.origins.map((o) => o.value)).toEqual(["https://a.example.com", "https://soon.example.com", "https://later.example.com"]);
    expect(validUntil).toBe(Date.parse("2026-03-03T00:00:00Z"));
    // Expiring exactly now is expired (the core: a rule matches while now < expiresAt).
    expect(activePolicy(version([{ value: "https://x.example.com", expiresAt: "2026-03-02T00:00:00.000Z" }]).policy, now).policy.origins).toEqual([]);
  });
  it("If-None-Match: weak comparison, lists, *", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });
  it("each format has its own bytes and ETag; the same input renders the same bytes", () => {
    const v = version([{ value: "https://a.example.com", expiresAt: null }]);
    const tags = new Set(["json", "origins", "nginx", "env"].map((f) => renderConfig(v, names, f as never, 0).etag));
    expect(tags.size).toBe(4);
    expect(renderConfig(v, names, "json", 0).etag).toBe(renderConfig(v, names, "json", 5).etag);
  });
});
