import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, manyOrigins, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/get-draft")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/drafts/add-origins")),
  ...(await import("@/lib/server/projects/update-project")),
});

const request = draftRequest;

describe.each(TEST_BACKENDS)("drafts on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  let n = 0;
  const newProject = async () => {
    const slug = `p${++n}`;
    await t.m.createProject(actors.admin, { slug, name: `Project ${n}` });
    return slug;
  };

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
  });

  it("a new environment has an empty draft at revision 0, with the empty-allowlist lint", async () => {
    const slug = await newProject();
    const draft = await t.m.getDraft(slug, "dev");
    expect(draft).toMatchObject({ project: slug, environment: "dev", protected: false, revision: 0, liveVersion: null, pendingChangeRequest: null });
    expect(draft.content.origins).toEqual([]);
    expect(draft.findings.map((f) => f.code)).toContain("empty-allowlist");
    expect(draft.diff.empty).toBe(true);
  });

  it("saves a whole draft, keeps the order, notes and expiry, bumps the revision and audits the change", async () => {
    const slug = await newProject();
    const saved = await t.m.saveDraft(actors.editor, slug, "staging", request(0, ["https://b.example.com", { value: "https://a.example.com", note: "Back office", expiresAt: "2030-01-31T00:00:00Z" }, "https://*.example.net"], { allowCredentials: true, allowedMethods: ["PUT"], maxAgeSeconds: 600 }));
    expect(saved.revision).toBe(1);
    expect(saved.updatedBy).toBe(actors.editor.email);
    expect(saved.content.origins).toEqual([
      { value: "https://b.example.com", note: null, expiresAt: null },
      { value: "https://a.example.com", note: "Back office", expiresAt: "2030-01-31T00:00:00.000Z" },
      { value: "https://*.example.net", note: null, expiresAt: null },
    ]);
    expect(saved.diff.origins.map((o) => [o.value, o.change])).toEqual([
      ["https://b.example.com", "added"],
      ["https://a.example.com", "added"],
      ["https://*.example.net", "added"],
    ]);
    expect(saved.diff.settings.map((s) => s.field)).toEqual(["allowCredentials", "allowedMethods", "maxAgeSeconds"]);
    expect(saved.findings.some((f) => f.code === "broad-wildcard")).toBe(true);
    expect(await t.m.getDraft(slug, "staging")).toEqual(saved);

    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "draft.save" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLabel: actors.editor.email, before: { revision: 0 } });
    expect((audit?.after as { origins: unknown[] }).origins).toHaveLength(3);
  });

  it("refuses an invalid draft with EVERY problem, its position, the core's message and fix — and writes nothing", async () => {
    const slug = await newProject();
    const err = await failure(
      t.m.saveDraft(actors.editor, slug, "dev", request(0, ["https://ok.example.com", "HTTPS://Example.com/", "https://ok.example.com", "example.org", "https://*.com", { value: "https://x.example.com", expiresAt: null }], { allowedMethods: ["GET", "BAD METHOD"] })),
    );
    expect(err.status).toBe(422);
    const byField = Object.fromEntries((err.errors ?? []).map((e) => [e.field, e]));
    expect(byField["body.origins.1.value"]).toMatchObject({ code: "trailing-slash", fix: "https://example.com" });
    expect(byField["body.origins.2.value"]).toMatchObject({ code: "duplicate" });
    expect(byField["body.origins.3.value"]).toMatchObject({ code: "missing-scheme", fix: "https://example.org" });
    expect(byField["body.origins.4.value"]).toMatchObject({ code: "wildcard-public-suffix" });
    expect(byField["body.allowedMethods.1"]).toMatchObject({ code: "invalid-method" });
    for (const e of err.errors ?? []) expect(e.message.length).toBeGreaterThan(10);
    const draft = await t.m.getDraft(slug, "dev");
    expect(draft.revision).toBe(0);
    expect(draft.content.origins).toEqual([]);
  });

  it("refuses a stale save with 409 stale_revision and the current draft", async () => {
    const slug = await newProject();
    await t.m.saveDraft(actors.editor, slug, "dev", request(0, ["https://one.example.com"]));
    const err = await failure(t.m.saveDraft(actors.editor2, slug, "dev", request(0, ["https://two.example.com"])));
    expect(err.status).toBe(409);
    expect(err.code).toBe("stale_revision");
    const current = err.extra?.current as { revision: number; content: { origins: { value: string }[] } };
    expect(current.revision).toBe(1);
    expect(current.content.origins.map((o) => o.value)).toEqual(["https://one.example.com"]);
  });

  it("diffs origin rows: untouched rows keep their author and creation time; reorder, note and expiry edits land", async () => {
    const slug = await newProject();
    const { prisma } = t.app.client;
    await t.m.saveDraft(actors.editor, slug, "dev", request(0, ["https://a.example.com", "https://b.example.com", "https://c.example.com"]));
    const before = await prisma.originRule.findMany({ where: { value: "https://a.example.com", draft: { environment: { project: { slug } } } } });
    const saved = await t.m.saveDraft(actors.editor2, slug, "dev", request(1, ["https://c.example.com", { value: "https://a.example.com", note: "kept", expiresAt: "2031-05-01T12:00:00.000Z" }, "https://d.example.com"]));
    expect(saved.content.origins.map((o) => o.value)).toEqual(["https://c.example.com", "https://a.example.com", "https://d.example.com"]);
    expect(saved.content.origins[1]).toEqual({ value: "https://a.example.com", note: "kept", expiresAt: "2031-05-01T12:00:00.000Z" });
    const after = await prisma.originRule.findMany({ where: { value: "https://a.example.com", draft: { environment: { project: { slug } } } } });
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[0]?.createdById).toBe(actors.editor.id);
    expect((await t.m.getDraft(slug, "dev")).content).toEqual(saved.content);
  });

  it("a save that changes nothing keeps the revision", async () => {
    const slug = await newProject();
    const first = await t.m.saveDraft(actors.editor, slug, "dev", request(0, ["https://a.example.com"]));
    const again = await t.m.saveDraft(actors.editor, slug, "dev", request(1, ["https://a.example.com"]));
    expect(again.revision).toBe(first.revision);
  });

  it("adds origins without a revision, skipping the ones already listed and repeated ones", async () => {
    const slug = await newProject();
    await t.m.saveDraft(actors.editor, slug, "dev", request(0, ["https://a.example.com"]));
    const draft = await t.m.addOrigins(actors.editor2, slug, "dev", {
      origins: [
        { value: "https://a.example.com", note: null, expiresAt: null },
        { value: "https://b.example.com", note: "new", expiresAt: null },
        { value: "https://b.example.com", note: "again", expiresAt: null },
      ],
    });
    expect(draft.revision).toBe(2);
    expect(draft.content.origins).toEqual([
      { value: "https://a.example.com", note: null, expiresAt: null },
      { value: "https://b.example.com", note: "new", expiresAt: null },
    ]);
    const same = await t.m.addOrigins(actors.editor2, slug, "dev", { origins: [{ value: "https://a.example.com", note: null, expiresAt: null }] });
    expect(same.revision).toBe(2);
  });

  it("refuses invalid additions with every problem at its request position, adding nothing", async () => {
    const slug = await newProject();
    await t.m.saveDraft(actors.editor, slug, "dev", request(0, ["https://a.example.com"], { allowCredentials: true }));
    const err = await failure(
      t.m.addOrigins(actors.editor, slug, "dev", {
        origins: [
          { value: "https://fine.example.com", note: null, expiresAt: null },
          { value: "https://Bad.example.com", note: null, expiresAt: null },
          { value: "*", note: null, expiresAt: null },
        ],
      }),
    );
    expect(err.status).toBe(422);
    expect(err.errors?.map((e) => [e.field, e.code, e.fix])).toEqual([["body.origins.1.value", "not-canonical", "https://bad.example.com"]]);
    const err2 = await failure(t.m.addOrigins(actors.editor, slug, "dev", { origins: [{ value: "https://fine.example.com", note: null, expiresAt: null }, { value: "*", note: null, expiresAt: null }] }));
    expect(err2.errors?.map((e) => [e.field, e.code])).toEqual([["body.origins.1.value", "wildcard-with-credentials"]]);
    expect((await t.m.getDraft(slug, "dev")).content.origins.map((o) => o.value)).toEqual(["https://a.example.com"]);
  });

  it("20 concurrent adds of different origins into one draft: every one lands", async () => {
    const slug = await newProject();
    const origins = manyOrigins(20, "concurrent.example");
    const results = await Promise.allSettled(origins.map((value) => t.m.addOrigins(actors.editor, slug, "dev", { origins: [{ value, note: null, expiresAt: null }] })));
    const refused = results.filter((r) => r.status === "rejected");
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    const draft = await t.m.getDraft(slug, "dev");
    const stored = new Set(draft.content.origins.map((o) => o.value));
    origins.forEach((value, i) => {
      if (results[i]?.status === "fulfilled") expect(stored.has(value)).toBe(true);
    });
    expect(refused).toHaveLength(0);
    expect(stored.size).toBe(20);
    expect(draft.revision).toBe(20);
  });

  it("20 concurrent saves at the same revision: exactly one wins, 19 get 409, nothing half-written", async () => {
    const slug = await newProject();
    await t.m.saveDraft(actors.editor, slug, "dev", request(0, manyOrigins(50, "base.example")));
    const attempts = Array.from({ length: 20 }, (_, k) => request(1, manyOrigins(30 + k, `writer${k}.example`), { maxAgeSeconds: k }));
    const results = await Promise.allSettled(attempts.map((body) => t.m.saveDraft(actors.editor, slug, "dev", body)));
    const won = results.flatMap((r, k) => (r.status === "fulfilled" ? [k] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 409, code: "stale_revision" });
    const winner = won[0] as number;
    const draft = await t.m.getDraft(slug, "dev");
    expect(draft.revision).toBe(2);
    expect(draft.content.maxAgeSeconds).toBe(winner);
    expect(draft.content.origins.map((o) => o.value)).toEqual(manyOrigins(30 + winner, `writer${winner}.example`));
  });

  it("an archived project is read-only", async () => {
    const slug = await newProject();
    await t.m.updateProject(actors.editor, slug, { archived: true });
    const err = await failure(t.m.saveDraft(actors.editor, slug, "dev", request(0, ["https://a.example.com"])));
    expect([err.status, err.code]).toEqual([409, "project_archived"]);
    const err2 = await failure(t.m.addOrigins(actors.editor, slug, "dev", { origins: [{ value: "https://a.example.com", note: null, expiresAt: null }] }));
    expect(err2.code).toBe("project_archived");
    expect((await t.m.getDraft(slug, "dev")).revision).toBe(0);
  });

  it("unknown project or environment → 404", async () => {
    const slug = await newProject();
    expect((await failure(t.m.getDraft("nope", "dev"))).status).toBe(404);
    expect((await failure(t.m.saveDraft(actors.editor, slug, "qa", request(0, [])))).status).toBe(404);
  });
});
