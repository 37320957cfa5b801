import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/environments/update-environment")),
  ...(await import("@/lib/server/drafts/get-draft")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  ...(await import("@/lib/server/publishing/list-versions")),
  ...(await import("@/lib/server/publishing/get-version")),
  ...(await import("@/lib/server/publishing/rollback-version")),
  ...(await import("@/lib/server/publishing/approve-change-request")),
  ...(await import("@/lib/server/change-requests/reject-change-request")),
  ...(await import("@/lib/server/change-requests/withdraw-change-request")),
  ...(await import("@/lib/server/change-requests/list-change-requests")),
  ...(await import("@/lib/server/change-requests/get-change-request")),
});

describe.each(TEST_BACKENDS)("change requests on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  let n = 0;
  /** A project whose prod draft (protected) is saved with `origins`; returns the slug and the draft revision. */
  const prodDraft = async (origins: string[]) => {
    const slug = `cr${++n}`;
    await t.m.createProject(actors.admin, { slug, name: `Project ${n}` });
    const draft = await t.m.saveDraft(actors.editor, slug, "prod", draftRequest(0, origins));
    return { slug, revision: draft.revision };
  };
  const request = async (origins: string[], author = actors.editor) => {
    const { slug, revision } = await prodDraft(origins);
    const result = await t.m.publishDraft(author, slug, "prod", { message: "Go live", revision });
    if (result.kind !== "change-request") throw new Error("expected a change request");
    return { slug, cr: result.changeRequest };
  };

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
  });

  it("publishing a protected environment opens a change request instead of a version", async () => {
    const { slug, cr } = await request(["https://www.example.com"]);
    expect(cr).toMatchObject({ project: slug, environment: "prod", status: "open", message: "Go live", author: actors.editor.email, baseVersion: null, version: null, reviewer: null });
    expect(cr.diff.origins.map((o) => [o.value, o.change])).toEqual([["https://www.example.com", "added"]]);
    expect(await t.m.listVersions(slug, "prod")).toEqual([]);
    expect((await t.m.getDraft(slug, "prod")).pendingChangeRequest).toBe(cr.id);
    expect(await t.m.getChangeRequest(cr.id)).toEqual(cr);
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "change-request.create", targetId: cr.id } });
    expect(audit).toMatchObject({ actorLabel: actors.editor.email, after: { status: "open", message: "Go live" } });
  });

  it("one open request per environment: a second publish gets 409 change_request_open", async () => {
    const { slug, cr } = await request(["https://www.example.com"]);
    const draft = await t.m.saveDraft(actors.editor2, slug, "prod", draftRequest(1, ["https://www.example.com", "https://two.example.com"]));
    const err = await failure(t.m.publishDraft(actors.editor2, slug, "prod", { message: "More", revision: draft.revision }));
    expect([err.status, err.code, err.extra?.changeRequest]).toEqual([409, "change_request_open", cr.id]);
  });

  it("the author can't approve or reject their own request (403 own_change_request), even as admin", async () => {
    const { cr } = await request(["https://www.example.com"], actors.admin);
    const approve = await failure(t.m.approveChangeRequest(actors.admin, cr.id, {}));
    expect([approve.status, approve.code]).toEqual([403, "own_change_request"]);
    const reject = await failure(t.m.rejectChangeRequest(actors.admin, cr.id, { comment: "no" }));
    expect([reject.status, reject.code]).toEqual([403, "own_change_request"]);
    expect((await t.m.getChangeRequest(cr.id)).status).toBe("open");
  });

  it("another editor approves: the version is created in the same transaction, audited, and the request closed", async () => {
    const { slug, cr } = await request(["https://www.example.com"]);
    const { changeRequest, version } = await t.m.approveChangeRequest(actors.editor2, cr.id, { comment: "LGTM" });
    expect(version).toMatchObject({ number: 1, message: "Go live", author: actors.editor.email, approvedBy: actors.editor2.email });
    expect(changeRequest).toMatchObject({ status: "approved", reviewer: actors.editor2.email, reviewComment: "LGTM", version: 1 });
    expect((await t.m.getVersion(slug, "prod", 1)).content.origins.map((o) => o.value)).toEqual(["https://www.example.com"]);
    expect(await t.m.getDraft(slug, "prod")).toMatchObject({ liveVersion: 1, pendingChangeRequest: null, diff: { empty: true } });
    const actions = (await t.app.client.prisma.auditEvent.findMany({ where: { OR: [{ targetId: cr.id }, { action: "policy.publish" }] }, orderBy: { id: "asc" } }))
      .filter((e) => e.targetId === cr.id || (e.after as { changeRequest?: string } | null)?.changeRequest === cr.id)
      .map((e) => e.action);
    expect(actions).toEqual(["change-request.create", "change-request.approve", "policy.publish"]);

    const again = await failure(t.m.approveChangeRequest(actors.admin, cr.id, {}));
    expect([again.status, again.code]).toEqual([409, "not_open"]);
  });

  it("approval is refused with 409 base_moved when the live version moved since the request", async () => {
    const { slug, cr } = await request(["https://www.example.com"]);
    // Meanwhile prod is unprotected, something else published, protected again.
    await t.m.updateEnvironment(actors.admin, slug, "prod", { protected: false });
    await t.m.withdrawChangeRequest(actors.editor, cr.id);
    const d = await t.m.getDraft(slug, "prod");
    await t.m.publishDraft(actors.editor, slug, "prod", { message: "hotfix", revision: d.revision });
    await t.m.updateEnvironment(actors.admin, slug, "prod", { protected: true });
    const d2 = await t.m.saveDraft(actors.editor, slug, "prod", draftRequest(d.revision, ["https://www.example.com", "https://new.example.com"]));
    const second = await t.m.publishDraft(actors.editor, slug, "prod", { message: "second", revision: d2.revision });
    if (second.kind !== "change-request") throw new Error("expected a change request");
    expect(second.changeRequest.baseVersion).toBe(1);
    // Someone bypasses the queue: unprotect, publish v2, protect again.
    await t.m.updateEnvironment(actors.admin, slug, "prod", { protected: false });
    const d3 = await t.m.saveDraft(actors.editor2, slug, "prod", draftRequest(d2.revision, ["https://www.example.com", "https://other.example.com"]));
    await t.m.publishDraft(actors.editor2, slug, "prod", { message: "v2", revision: d3.revision });
    await t.m.updateEnvironment(actors.admin, slug, "prod", { protected: true });

    const err = await failure(t.m.approveChangeRequest(actors.editor2, second.changeRequest.id, {}));
    expect([err.status, err.code]).toEqual([409, "base_moved"]);
    expect(err.extra).toMatchObject({ baseVersion: 1, liveVersion: 2 });
    expect((await t.m.listVersions(slug, "prod")).map((v) => v.number)).toEqual([2, 1]);
    expect((await t.m.getChangeRequest(second.changeRequest.id)).status).toBe("open");
  });

  it("reject needs a reviewer other than the author and records the comment", async () => {
    const { slug, cr } = await request(["https://www.example.com"]);
    const rejected = await t.m.rejectChangeRequest(actors.editor2, cr.id, { comment: "Use the apex too" });
    expect(rejected).toMatchObject({ status: "rejected", reviewer: actors.editor2.email, reviewComment: "Use the apex too", version: null });
    expect(await t.m.listVersions(slug, "prod")).toEqual([]);
    expect((await t.m.getDraft(slug, "prod")).pendingChangeRequest).toBeNull();
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "change-request.reject", targetId: cr.id } });
    expect(audit).toMatchObject({ before: { status: "open" }, after: { status: "rejected", comment: "Use the apex too" } });
  });

  it("withdraw: the author or an admin, nobody else", async () => {
    const { cr } = await request(["https://www.example.com"]);
    const err = await failure(t.m.withdrawChangeRequest(actors.editor2, cr.id));
    expect([err.status, err.code]).toEqual([403, "not_author"]);
    expect((await t.m.withdrawChangeRequest(actors.editor, cr.id)).status).toBe("withdrawn");
    const { cr: other } = await request(["https://www.example.com"]);
    expect((await t.m.withdrawChangeRequest(actors.admin, other.id)).status).toBe("withdrawn");
    expect((await failure(t.m.withdrawChangeRequest(actors.admin, "no-such-id"))).status).toBe(404);
  });

  it("two reviewers approving at once: one version, the other gets 409 not_open", async () => {
    const { slug, cr } = await request(["https://www.example.com"]);
    const results = await Promise.allSettled([t.m.approveChangeRequest(actors.editor2, cr.id, {}), t.m.approveChangeRequest(actors.admin, cr.id, {})]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409, code: "not_open" } });
    expect((await t.m.listVersions(slug, "prod")).map((v) => v.number)).toEqual([1]);
  });

  it("rollback of a protected environment is a change request too; approving it publishes the old content", async () => {
    const { slug, cr } = await request(["https://www.example.com"]);
    await t.m.approveChangeRequest(actors.editor2, cr.id, {});
    const d = await t.m.getDraft(slug, "prod");
    const d2 = await t.m.saveDraft(actors.editor, slug, "prod", draftRequest(d.revision, ["https://www.example.com", "https://bad.example.com"]));
    const r2 = await t.m.publishDraft(actors.editor, slug, "prod", { message: "v2", revision: d2.revision });
    if (r2.kind !== "change-request") throw new Error("expected a change request");
    await t.m.approveChangeRequest(actors.admin, r2.changeRequest.id, {});

    const rollback = await t.m.rollbackVersion(actors.editor2, slug, "prod", 1, { message: "bad.example.com broke login" });
    if (rollback.kind !== "change-request") throw new Error("expected a change request");
    expect(rollback.changeRequest).toMatchObject({ rollbackOf: 1, baseVersion: 2, message: "bad.example.com broke login" });
    expect(rollback.changeRequest.diff.origins.map((o) => [o.value, o.change])).toEqual([["https://bad.example.com", "removed"]]);
    const { version } = await t.m.approveChangeRequest(actors.editor, rollback.changeRequest.id, {});
    expect(version).toMatchObject({ number: 3, rollbackOf: 1, author: actors.editor2.email, approvedBy: actors.editor.email });
    // The draft had no unpublished work: it follows the rollback.
    expect((await t.m.getDraft(slug, "prod")).content.origins.map((o) => o.value)).toEqual(["https://www.example.com"]);
  });

  it("lists with status and project filters, newest first", async () => {
    const { slug, cr } = await request(["https://list.example.com"]);
    const open = await t.m.listChangeRequests({ status: "open", project: slug });
    expect(open.map((c) => c.id)).toEqual([cr.id]);
    expect(await t.m.listChangeRequests({ status: "approved", project: slug })).toEqual([]);
    const newer = await request(["https://list-2.example.com"]);
    const all = await t.m.listChangeRequests({});
    expect(all.map((c) => c.id).slice(0, 2)).toEqual([newer.cr.id, cr.id]);
    expect(await t.m.listChangeRequests({ project: "no-such-project" })).toEqual([]);
  });
});
