import { beforeAll, describe, expect, it } from "vitest";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/environments/update-environment")),
  ...(await import("@/lib/server/environments/find-environment")),
  ...(await import("@/lib/server/drafts/get-draft")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/drafts/add-origins")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  ...(await import("@/lib/server/publishing/publish-content")),
  ...(await import("@/lib/server/db/transaction")),
  ...(await import("@/lib/server/versions/live-version")),
  ...(await import("@/lib/server/publishing/list-versions")),
  ...(await import("@/lib/server/publishing/get-version")),
  ...(await import("@/lib/server/publishing/rollback-version")),
  ...(await import("@/lib/api/policy-defaults")),
});

describe.each(TEST_BACKENDS)("publishing on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  let n = 0;
  const newProject = async () => {
    const slug = `pub${++n}`;
    await t.m.createProject(actors.admin, { slug, name: `Project ${n}` });
    return slug;
  };
  const save = (slug: string, env: string, revision: number, origins: string[], extra = {}) => t.m.saveDraft(actors.editor, slug, env, draftRequest(revision, origins, extra));

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
  });

  it("publishes numbered immutable versions with author, message, diff and audit", async () => {
    const slug = await newProject();
    const d1 = await save(slug, "dev", 0, ["https://a.example.com"]);
    const first = await t.m.publishDraft(actors.editor, slug, "dev", { message: "First", revision: d1.revision });
    expect(first).toMatchObject({ kind: "published", version: { number: 1, message: "First", author: actors.editor.email, originCount: 1, approvedBy: null, rollbackOf: null } });
    const d2 = await save(slug, "dev", d1.revision, ["https://a.example.com", "https://b.example.com"]);
    expect(d2.liveVersion).toBe(1);
    expect(d2.diff.origins).toEqual([{ value: "https://b.example.com", change: "added", before: null, after: { note: null, expiresAt: null } }]);
    const second = await t.m.publishDraft(actors.editor2, slug, "dev", { message: "Add b", revision: d2.revision });
    expect(second).toMatchObject({ kind: "published", version: { number: 2, author: actors.editor2.email, originCount: 2 } });

    const versions = await t.m.listVersions(slug, "dev");
    expect(versions.map((v) => [v.number, v.message])).toEqual([[2, "Add b"], [1, "First"]]);
    const v2 = await t.m.getVersion(slug, "dev", 2);
    expect(v2.content.origins.map((o) => o.value)).toEqual(["https://a.example.com", "https://b.example.com"]);
    expect(v2.diff.origins.map((o) => [o.value, o.change])).toEqual([["https://b.example.com", "added"]]);
    const v1 = await t.m.getVersion(slug, "dev", 1);
    expect(v1.diff.origins.map((o) => [o.value, o.change])).toEqual([["https://a.example.com", "added"]]);
    expect((await failure(t.m.getVersion(slug, "dev", 9))).status).toBe(404);

    const draft = await t.m.getDraft(slug, "dev");
    expect(draft).toMatchObject({ liveVersion: 2, diff: { empty: true } });
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "policy.publish" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLabel: actors.editor2.email, before: { version: 1 }, after: { version: 2, message: "Add b" } });
  });

  it("refuses: stale revision (409 with current), nothing to publish (409), unknown environment (404)", async () => {
    const slug = await newProject();
    const d1 = await save(slug, "dev", 0, ["https://a.example.com"]);
    await t.m.addOrigins(actors.editor2, slug, "dev", { origins: [{ value: "https://late.example.com", note: null, expiresAt: null }] });
    const stale = await failure(t.m.publishDraft(actors.editor, slug, "dev", { message: "x", revision: d1.revision }));
    expect([stale.status, stale.code]).toEqual([409, "stale_revision"]);
    expect((stale.extra?.current as { revision: number }).revision).toBe(2);
    expect(await t.m.listVersions(slug, "dev")).toEqual([]);

    await t.m.publishDraft(actors.editor, slug, "dev", { message: "x", revision: 2 });
    const nothing = await failure(t.m.publishDraft(actors.editor, slug, "dev", { message: "again", revision: 2 }));
    expect([nothing.status, nothing.code]).toEqual([409, "nothing_to_publish"]);
    expect((await failure(t.m.publishDraft(actors.editor, slug, "qa", { message: "x", revision: 0 }))).status).toBe(404);
  });

  it("lint errors block publishing (422 lint_errors with the findings)", async () => {
    const slug = await newProject();
    // Valid everywhere, but credentials + http://localhost is an error once the environment is protected.
    const draft = await save(slug, "staging", 0, ["http://localhost:3000", "https://a.example.com"], { allowCredentials: true });
    expect(draft.findings.filter((f) => f.severity === "error")).toEqual([]);
    await t.m.updateEnvironment(actors.admin, slug, "staging", { protected: true });
    const err = await failure(t.m.publishDraft(actors.editor, slug, "staging", { message: "x", revision: draft.revision }));
    expect([err.status, err.code]).toEqual([422, "lint_errors"]);
    const findings = err.extra?.findings as { code: string; severity: string; index: number }[];
    expect(findings.map((f) => [f.code, f.severity, f.index])).toEqual([["local-origin", "error", 0]]);
    expect(err.errors?.[0]?.field).toBe("policy.origins.0");
    expect(await t.m.listVersions(slug, "staging")).toEqual([]);
  });

  it("20 concurrent publishes of different content get the numbers 1..20, none lost or duplicated", async () => {
    const slug = await newProject();
    const { prisma } = t.app.client;
    const env = await t.m.findEnvironment(prisma, slug, "dev");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        t.m.transaction(
          async (tx) => {
            await t.m.lockEnvironment(tx, env);
            const previous = await t.m.liveVersion(tx, env.id);
            const content: PolicyContent = { ...t.m.EMPTY_POLICY, origins: [{ value: `https://writer-${k}.example.com`, note: null, expiresAt: null }] };
            return t.m.publishContent(tx, { env, content, message: `writer ${k}`, previous, author: { userId: actors.editor.id, label: actors.editor.email } });
          },
          { maxWait: 30_000, timeout: 30_000 },
        ),
      ),
    );
    expect(results.map((r) => r.version.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const versions = await t.m.listVersions(slug, "dev");
    expect(new Set(versions.map((v) => v.message)).size).toBe(20);
  });

  it("20 concurrent publishes of the same draft: exactly one version, the others 409 nothing_to_publish", async () => {
    const slug = await newProject();
    const draft = await save(slug, "dev", 0, ["https://a.example.com"]);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, k) => t.m.publishDraft(actors.editor, slug, "dev", { message: `try ${k}`, revision: draft.revision })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 409, code: "nothing_to_publish" });
    expect((await t.m.listVersions(slug, "dev")).map((v) => v.number)).toEqual([1]);
  });

  it("rollback publishes an old version's content as a new version; a draft without unpublished work follows it", async () => {
    const slug = await newProject();
    let d = await save(slug, "dev", 0, ["https://a.example.com"]);
    await t.m.publishDraft(actors.editor, slug, "dev", { message: "v1", revision: d.revision });
    d = await save(slug, "dev", d.revision, ["https://a.example.com", "https://bad.example.com"]);
    await t.m.publishDraft(actors.editor, slug, "dev", { message: "v2", revision: d.revision });

    const result = await t.m.rollbackVersion(actors.editor2, slug, "dev", 1, {});
    expect(result).toMatchObject({ kind: "published", version: { number: 3, rollbackOf: 1, message: "Roll back to version 1", author: actors.editor2.email } });
    expect((await t.m.getVersion(slug, "dev", 3)).content).toEqual((await t.m.getVersion(slug, "dev", 1)).content);
    const after = await t.m.getDraft(slug, "dev");
    expect(after.content.origins.map((o) => o.value)).toEqual(["https://a.example.com"]);
    expect(after).toMatchObject({ liveVersion: 3, diff: { empty: true }, revision: d.revision + 1 });

    // Rolling back to what is live: nothing to publish.
    expect((await failure(t.m.rollbackVersion(actors.editor, slug, "dev", 3, {}))).code).toBe("nothing_to_publish");
    expect((await failure(t.m.rollbackVersion(actors.editor, slug, "dev", 42, {}))).status).toBe(404);

    // A draft with unpublished work is left alone.
    d = await save(slug, "dev", after.revision, ["https://a.example.com", "https://wip.example.com"]);
    await t.m.rollbackVersion(actors.editor, slug, "dev", 2, { message: "Back to v2" });
    const kept = await t.m.getDraft(slug, "dev");
    expect(kept.revision).toBe(d.revision);
    expect(kept.content.origins.map((o) => o.value)).toEqual(["https://a.example.com", "https://wip.example.com"]);
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "policy.rollback" }, orderBy: { id: "desc" } });
    expect(audit?.after).toMatchObject({ version: 4, rollbackOf: 2, message: "Back to v2", draftFollowed: false });
  });
});
