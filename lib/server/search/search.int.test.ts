import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/projects/update-project")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  ...(await import("@/lib/server/search/search-origins")),
});

describe.each(TEST_BACKENDS)("search on %s", (backend) => {
  const t = useTestBackend(backend, load);

  beforeAll(async () => {
    const { editor } = await createActors(t.app.client.prisma);
    await t.m.createProject(editor, { slug: "shop", name: "Shop" });
    await t.m.createProject(editor, { slug: "blog", name: "Blog" });
    const shop = await t.m.saveDraft(editor, "shop", "staging", draftRequest(0, ["https://old.example.com", "https://*.example.com", "https://old.example.com:8443"]));
    await t.m.publishDraft(editor, "shop", "staging", { message: "v1", revision: shop.revision });
    // The draft moved on: old.example.com removed there, still live.
    await t.m.saveDraft(editor, "shop", "staging", draftRequest(shop.revision, ["https://*.example.com", "https://old.example.com:8443"]));
    await t.m.saveDraft(editor, "blog", "dev", draftRequest(0, [{ value: "https://old.example.com", expiresAt: "2020-01-01T00:00:00Z" }, "http://localhost:*", "https://*.other.example"]));
    await t.m.updateProject(editor, "blog", { archived: true });
  });

  it("finds exact entries, wildcard patterns that match, and substrings — in drafts and live versions", async () => {
    const result = await t.m.searchOrigins("https://old.example.com");
    expect(result.origin).toBe("https://old.example.com");
    const hits = result.hits.map((h) => `${h.project}/${h.environment}/${h.where}: ${h.match} ${h.value}`).sort();
    expect(hits).toEqual(
      [
        "blog/dev/draft: exact https://old.example.com",
        "shop/staging/draft: pattern https://*.example.com",
        "shop/staging/draft: substring https://old.example.com:8443",
        "shop/staging/live: exact https://old.example.com",
        "shop/staging/live: pattern https://*.example.com",
        "shop/staging/live: substring https://old.example.com:8443",
      ].sort(),
    );
    expect(result.hits.slice(0, 2).every((h) => h.match === "exact")).toBe(true);
    expect(result.hits.find((h) => h.project === "blog")).toMatchObject({ projectName: "Blog", expiresAt: "2020-01-01T00:00:00.000Z" });
  });

  it("matches a non-canonical query as the origin lib/cors makes of it, and port wildcards with the core's matcher", async () => {
    const upper = await t.m.searchOrigins("OLD.example.com");
    expect(upper.origin).toBe("https://old.example.com");
    expect(upper.hits.some((h) => h.match === "exact")).toBe(true);
    const local = await t.m.searchOrigins("http://localhost:5173");
    expect(local.hits.map((h) => [h.value, h.match])).toEqual([["http://localhost:*", "pattern"]]);
    // The apex is not matched by *.example.com; look-alikes aren't either.
    expect((await t.m.searchOrigins("https://example.com")).hits.filter((h) => h.match === "pattern")).toEqual([]);
    expect((await t.m.searchOrigins("https://evil-example.com")).hits.filter((h) => h.match !== "substring")).toEqual([]);
  });

  it("substring search for a part of an origin, case-insensitive", async () => {
    const result = await t.m.searchOrigins("OTHER.EXAMPLE");
    expect(result.origin).toBe("https://other.example");
    expect(result.hits.map((h) => [h.value, h.match])).toEqual([["https://*.other.example", "substring"]]);
    expect((await t.m.searchOrigins("nothing-like-this")).hits).toEqual([]);
  });
});
