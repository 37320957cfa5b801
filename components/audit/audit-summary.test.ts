import { describe, expect, it } from "vitest";
import type { AuditEvent } from "@/lib/api/schemas/audit";
import { listInWords, summarizeAuditEvent, valueInWords } from "./audit-summary";
import { formatValue } from "./audit-diff";

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  id: "1",
  at: "2026-12-05T10:00:00.000Z",
  actor: "alice@example.com",
  action: "draft.save",
  targetType: "environment",
  targetId: "9affda0a-1111-2222-3333-444455556666",
  targetLabel: "payments-api/staging",
  projectId: "p1",
  environmentId: "e1",
  project: "payments-api",
  environment: "staging",
  before: null,
  after: null,
  ...over,
});

describe("audit summaries in words", () => {
  it("a removed origin: no JSON, the place by its slugs", () => {
    const text = summarizeAuditEvent(event({ before: { revision: 3, origins: [{ value: "https://admin.example.com", note: null, expiresAt: null }] }, after: { revision: 4 } }));
    expect(text).toBe("removed https://admin.example.com from the draft of payments-api/staging");
  });

  it("added origins, several listed then counted", () => {
    const origins = ["https://a.example.com", "https://b.example.com", "https://c.example.com", "https://d.example.com"].map((value) => ({ value, note: null, expiresAt: null }));
    expect(summarizeAuditEvent(event({ before: { revision: 0 }, after: { revision: 1, origins } }))).toBe(
      "added https://a.example.com, https://b.example.com, https://c.example.com and 1 more to the draft of payments-api/staging",
    );
  });

  it("origins and settings together", () => {
    const text = summarizeAuditEvent(
      event({
        before: { revision: 1, origins: [{ value: "https://old.example.com" }], allowCredentials: false, allowedMethods: ["GET"] },
        after: { revision: 2, origins: [{ value: "https://new.example.com" }], allowCredentials: true, allowedMethods: ["GET", "PUT"] },
      }),
    );
    expect(text).toBe("in the draft of payments-api/staging: added https://new.example.com; removed https://old.example.com; credentials: off → on; allowed methods: GET → GET and PUT");
    expect(text).not.toMatch(/[{}[\]"]/);
  });

  it("publish and rollback say which version", () => {
    expect(summarizeAuditEvent(event({ action: "policy.publish", before: { version: 3, origins: [{ value: "https://x.example.com" }] }, after: { version: 4, message: "m" } }))).toBe(
      "published version 4 of payments-api/staging: removed https://x.example.com",
    );
    expect(summarizeAuditEvent(event({ action: "policy.rollback", before: { version: 4 }, after: { version: 5, rollbackOf: 3 } }))).toBe("rolled payments-api/staging back to version 3 (published as version 5)");
  });

  it("users by email, not by id", () => {
    const user = { targetType: "user", targetId: "9affda0a-aaaa", targetLabel: "bob@example.com", project: null, environment: null, projectId: null, environmentId: null };
    expect(summarizeAuditEvent(event({ ...user, action: "user.role-change", before: { email: "bob@example.com", role: "viewer", disabled: false }, after: { email: "bob@example.com", role: "editor", disabled: false } }))).toBe(
      "changed the role of bob@example.com: viewer → editor",
    );
    expect(summarizeAuditEvent(event({ ...user, action: "user.disable", before: { role: "editor", disabled: false }, after: { role: "editor", disabled: true } }))).toBe("disabled bob@example.com");
    // A deleted user: the email the event recorded.
    expect(summarizeAuditEvent(event({ ...user, targetLabel: null, action: "user.create", after: { email: "carol@example.com", role: "viewer" } }))).toBe("created user carol@example.com as viewer");
  });

  it("tokens by name; projects renamed", () => {
    const token = { targetType: "token", targetLabel: "ci-bot", project: null, environment: null };
    expect(summarizeAuditEvent(event({ ...token, action: "token.revoke", before: { name: "ci-bot" }, after: { name: "ci-bot" } }))).toBe("revoked API token ci-bot");
    expect(summarizeAuditEvent(event({ ...token, action: "token.create", after: { name: "ci-bot", scope: "config_read", project: "shop", environment: "prod" } }))).toBe(
      "created API token ci-bot (reads the config for shop/prod)",
    );
    expect(
      summarizeAuditEvent(event({ action: "project.update", targetType: "project", targetLabel: "shop", environment: null, before: { name: "Shop", description: null, archived: false }, after: { name: "Storefront", description: null, archived: false } })),
    ).toBe("renamed project shop: Shop → Storefront");
  });

  it("unknown actions fall back to field differences in words", () => {
    const text = summarizeAuditEvent(event({ action: "widget.tune", targetType: "widget", targetLabel: null, project: null, environment: null, targetId: "abcdef0123", before: { level: 1, tags: ["a"] }, after: { level: 2, tags: ["a", "b"] } }));
    expect(text).toBe("widget.tune widget abcdef01: level: 1 → 2; tags[]: b");
  });

  it("values and lists in words", () => {
    expect(listInWords(["a"])).toBe("a");
    expect(listInWords(["a", "b"])).toBe("a and b");
    expect(valueInWords([])).toBe("none");
    expect(valueInWords(null)).toBe("none");
    expect(valueInWords({ value: "https://x.example.com", note: "n" })).toBe("https://x.example.com");
  });

  it("the opened event's values in words too (origin entries, lists, objects)", () => {
    expect(formatValue([{ note: null, value: "https://admin.example.com", expiresAt: null }])).toBe("https://admin.example.com");
    expect(formatValue([{ value: "https://a.example.com", note: "QA", expiresAt: "2027-01-31T00:00:00.000Z" }, { value: "https://b.example.com" }])).toBe(
      "https://a.example.com (note “QA”, expires 2027-01-31), https://b.example.com",
    );
    expect(formatValue({ status: "approved", version: 3 })).toBe("status: approved; version: 3");
    expect(formatValue(null)).toBe("none");
    expect(formatValue(false)).toBe("false");
  });
});
