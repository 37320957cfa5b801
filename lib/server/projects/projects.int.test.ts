import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, type UserActor } from "@/lib/server/test-support/actors";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/projects/update-project")),
  ...(await import("@/lib/server/projects/get-project")),
  ...(await import("@/lib/server/projects/list-projects")),
  ...(await import("@/lib/server/environments/create-environment")),
  ...(await import("@/lib/server/environments/update-environment")),
  ...(await import("@/lib/server/environments/reorder-environments")),
  ...(await import("@/lib/server/drafts/get-draft")),
});

describe.each(TEST_BACKENDS)("projects and environments on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  const audits = (projectId: string) => t.app.client.prisma.auditEvent.findMany({ where: { projectId }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
  });

  it("creates a project with dev, staging, prod (prod protected), empty drafts, audited", async () => {
    const project = await t.m.createProject(actors.editor, { slug: "shop", name: "Shop", description: "The web shop" });
    expect(project).toMatchObject({ slug: "shop", name: "Shop", description: "The web shop", archived: false });
    expect(project.environments.map((e) => [e.slug, e.position, e.protected])).toEqual([["dev", 0, false], ["staging", 1, false], ["prod", 2, true]]);
    expect(project.environments.every((e) => e.draft.revision === 0 && e.draft.origins.length === 0)).toBe(true);
    const [event] = await audits(project.id);
    expect(event).toMatchObject({ action: "project.create", actorLabel: actors.editor.email, after: { slug: "shop", name: "Shop" } });
  });

  it("creates with the given environments; refuses duplicates, the reserved slug and a taken slug", async () => {
    const project = await t.m.createProject(actors.editor, {
      slug: "api",
      name: "API",
      environments: [
        { slug: "qa", name: "QA", protected: false, baseUrls: ["https://qa.api.example.com"] },
        { slug: "live", name: "Live", protected: true, baseUrls: [] },
      ],
    });
    expect(project.environments.map((e) => [e.slug, e.baseUrls])).toEqual([["qa", ["https://qa.api.example.com"]], ["live", []]]);
    const dup = await failure(
      t.m.createProject(actors.editor, { slug: "dup", name: "Dup", environments: [{ slug: "a", name: "A", protected: false, baseUrls: [] }, { slug: "a", name: "A again", protected: false, baseUrls: [] }] }),
    );
    expect([dup.status, dup.errors?.[0]?.field]).toEqual([422, "body.environments.1.slug"]);
    expect((await failure(t.m.createProject(actors.editor, { slug: "import", name: "x" }))).errors?.[0]).toMatchObject({ field: "body.slug", code: "reserved" });
    const taken = await failure(t.m.createProject(actors.editor, { slug: "api", name: "Again" }));
    expect([taken.status, taken.code]).toEqual([409, "slug_taken"]);
    expect((taken.extra?.errors as { field: string }[])[0]?.field).toBe("body.slug");
    // Only "api" was created; the list is sorted by slug.
    const slugs = (await t.m.listProjects()).map((p) => p.slug);
    expect(slugs.filter((slug) => ["api", "dup", "import"].includes(slug))).toEqual(["api"]);
    expect(slugs).toEqual([...slugs].sort());
  });

  it("renames, describes, archives and unarchives, with before/after in the audit", async () => {
    const created = await t.m.createProject(actors.editor, { slug: "old", name: "Old name" });
    const renamed = await t.m.updateProject(actors.editor, "old", { name: "New name", description: "Now described" });
    expect(renamed).toMatchObject({ name: "New name", description: "Now described", archived: false });
    expect((await t.m.updateProject(actors.editor, "old", { archived: true })).archived).toBe(true);
    expect((await t.m.listProjects()).some((p) => p.slug === "old")).toBe(false);
    expect((await t.m.listProjects({ includeArchived: true })).some((p) => p.slug === "old")).toBe(true);
    expect((await failure(t.m.createEnvironment(actors.editor, "old", { slug: "qa", name: "QA", protected: false, baseUrls: [] }))).code).toBe("project_archived");
    expect((await t.m.updateProject(actors.editor, "old", { archived: false, description: null })).description).toBeNull();
    const events = (await audits(created.id)).map((e) => [e.action, e.before, e.after]);
    expect(events.slice(1)).toEqual([
      ["project.update", { name: "Old name", description: null, archived: false }, { name: "New name", description: "Now described", archived: false }],
      ["project.archive", { name: "New name", description: "Now described", archived: false }, { name: "New name", description: "Now described", archived: true }],
      ["project.unarchive", { name: "New name", description: "Now described", archived: true }, { name: "New name", description: null, archived: false }],
    ]);
    expect((await failure(t.m.updateProject(actors.editor, "nope", { name: "x" }))).status).toBe(404);
    expect((await failure(t.m.updateProject(actors.editor, "old", {}))).status).toBe(422);
  });

  it("adds environments at the end, refuses a taken slug", async () => {
    await t.m.createProject(actors.editor, { slug: "envs", name: "Envs" });
    const qa = await t.m.createEnvironment(actors.editor, "envs", { slug: "qa", name: "QA", protected: false, baseUrls: ["https://qa.example.com"] });
    expect(qa).toMatchObject({ slug: "qa", position: 3, protected: false, originCount: 0, latestVersion: null });
    expect((await t.m.getDraft("envs", "qa")).revision).toBe(0);
    const taken = await failure(t.m.createEnvironment(actors.editor, "envs", { slug: "qa", name: "QA", protected: false, baseUrls: [] }));
    expect([taken.status, taken.code]).toEqual([409, "slug_taken"]);
    expect((await failure(t.m.createEnvironment(actors.editor, "nope", { slug: "qa", name: "QA", protected: false, baseUrls: [] }))).status).toBe(404);
  });

  it("renames environments and sets base URLs as an editor; only an admin changes `protected`", async () => {
    await t.m.createProject(actors.editor, { slug: "prot", name: "Prot" });
    const renamed = await t.m.updateEnvironment(actors.editor, "prot", "staging", { name: "Staging", baseUrls: ["https://staging.example.com"] });
    expect(renamed).toMatchObject({ name: "Staging", baseUrls: ["https://staging.example.com"], protected: false });
    const err = await failure(t.m.updateEnvironment(actors.editor, "prot", "prod", { protected: false }));
    expect([err.status, err.code, err.errors?.[0]?.field]).toEqual([403, "admin_only", "body.protected"]);
    // Sending the current value is not a change.
    expect((await t.m.updateEnvironment(actors.editor, "prot", "prod", { protected: true, name: "Production" })).name).toBe("Production");
    expect((await t.m.updateEnvironment(actors.admin, "prot", "staging", { protected: true })).protected).toBe(true);
    const events = await t.app.client.prisma.auditEvent.findMany({ where: { action: { startsWith: "environment." } }, orderBy: { id: "desc" }, take: 1 });
    expect(events[0]).toMatchObject({ action: "environment.protect", actorLabel: actors.admin.email, before: { protected: false }, after: { protected: true } });
  });

  it("reorders environments: a permutation of every slug, else 422 naming each problem", async () => {
    await t.m.createProject(actors.editor, { slug: "order", name: "Order" });
    const project = await t.m.reorderEnvironments(actors.editor, "order", ["prod", "dev", "staging"]);
    expect(project.environments.map((e) => [e.slug, e.position])).toEqual([["prod", 0], ["dev", 1], ["staging", 2]]);
    const err = await failure(t.m.reorderEnvironments(actors.editor, "order", ["prod", "prod", "qa"]));
    expect(err.errors?.map((e) => e.field)).toEqual(["body.order.1", "body.order.2", "body.order"]);
    expect((await t.m.getProject("order")).environments.map((e) => e.slug)).toEqual(["prod", "dev", "staging"]);
  });
});
