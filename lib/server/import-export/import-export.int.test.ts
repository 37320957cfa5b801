import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/environments/update-environment")),
  ...(await import("@/lib/server/drafts/get-draft")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/import-export/export-project")),
  ...(await import("@/lib/server/import-export/import-project")),
});

describe.each(TEST_BACKENDS)("import and export on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
    await t.m.createProject(actors.editor, {
      slug: "shop",
      name: "Shop",
      description: "The \"web\" shop, with unicode: café",
      environments: [
        { slug: "dev", name: "Development", protected: false, baseUrls: ["http://localhost:4000"] },
        { slug: "prod", name: "Production", protected: true, baseUrls: ["https://api.example.com", "https://api.example.com/v2"] },
        { slug: "empty", name: "Never edited", protected: false, baseUrls: [] },
      ],
    });
    await t.m.saveDraft(
      actors.editor,
      "shop",
      "dev",
      draftRequest(0, ["http://localhost:5173", { value: "https://*.preview.example.com", note: "previews" }, { value: "https://b.example.com", expiresAt: "2031-02-03T04:05:06.789Z" }, "https://a.example.com"], {
        allowCredentials: true,
        allowedMethods: ["PUT", "DELETE"],
        allowedHeaders: ["content-type", "x-trace"],
        exposedHeaders: ["x-request-id"],
        maxAgeSeconds: 7200,
        noOrigin: "reject",
        allowPrivateNetwork: true,
      }),
    );
    await t.m.saveDraft(actors.editor, "shop", "prod", draftRequest(0, ["https://www.example.com", "https://example.com"], { reflectRequestHeaders: true }));
  });

  it("round-trips exactly: export → import under a new slug → export gives the same document but the slug", async () => {
    const exported = await t.m.exportProject("shop");
    expect(exported.format).toBe("corsboard.project/v1");
    expect(exported.environments.map((e) => e.slug)).toEqual(["dev", "prod", "empty"]);
    expect(exported.environments[0]?.policy.origins.map((o) => o.value)).toEqual(["http://localhost:5173", "https://*.preview.example.com", "https://b.example.com", "https://a.example.com"]);
    // Through JSON, as it travels over HTTP.
    const document: unknown = JSON.parse(JSON.stringify(exported));
    const { project, created } = await t.m.importProject(actors.editor2, { document, mode: "create", slug: "shop-copy" });
    expect(created).toBe(true);
    expect(project.slug).toBe("shop-copy");
    const again = await t.m.exportProject("shop-copy");
    expect(again).toEqual({ ...exported, project: { ...exported.project, slug: "shop-copy" } });
    const audit = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "project.import" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLabel: actors.editor2.email, after: { slug: "shop-copy", mode: "create" } });
  });

  it("lists EVERY problem of a broken document at once, structure and lib/cors alike, and imports nothing", async () => {
    const document = {
      format: "corsboard.project/v1",
      project: { slug: "Bad Slug", name: "Broken", description: null, extra: 1 },
      environments: [
        {
          slug: "dev",
          name: "dev",
          protected: false,
          baseUrls: ["not a url"],
          policy: { ...draftRequest(0, ["https://ok.example.com", "HTTPS://Upper.example.com", "example.org/path"]), revision: undefined, maxAgeSeconds: -5 },
        },
        {
          slug: "dev",
          name: "",
          protected: "yes",
          baseUrls: [],
          policy: { ...draftRequest(0, ["https://ok.example.com", "https://ok.example.com", "https://*.com", 42 as unknown as string]), revision: undefined, allowCredentials: true },
        },
      ],
    };
    const err = await failure(t.m.importProject(actors.editor, { document: JSON.parse(JSON.stringify(document)), mode: "create" }));
    expect(err.status).toBe(422);
    const fields = (err.errors ?? []).map((e) => `${e.field} ${e.code}`);
    const p = "body.document";
    for (const expected of [
      `${p}.project.slug invalid_format`,
      `${p}.project.extra unknown_field`,
      `${p}.environments.0.baseUrls.0 custom`,
      `${p}.environments.0.policy.maxAgeSeconds too_small`,
      `${p}.environments.0.policy.origins.1.value not-canonical`,
      `${p}.environments.0.policy.origins.2.value missing-scheme`,
      `${p}.environments.1.name too_small`,
      `${p}.environments.1.protected invalid_type`,
      `${p}.environments.1.policy.origins.1.value duplicate`,
      `${p}.environments.1.policy.origins.2.value wildcard-public-suffix`,
      `${p}.environments.1.policy.origins.3.value invalid_type`,
      `${p}.environments.1.slug duplicate`,
    ]) {
      expect(fields, fields.join("\n")).toContain(expected);
    }
    // One entry per place: zod's type error at origins.3.value isn't repeated by lib/cors.
    expect(fields.filter((f) => f.startsWith(`${p}.environments.1.policy.origins.3.value`))).toHaveLength(1);
    expect(err.errors?.find((e) => e.field === `${p}.environments.0.policy.origins.1.value`)?.fix).toBe("https://upper.example.com");
    expect(await t.app.client.prisma.project.count({ where: { name: "Broken" } })).toBe(0);
  });

  it("create refuses a taken slug (409) and the reserved one", async () => {
    const document = JSON.parse(JSON.stringify(await t.m.exportProject("shop")));
    const taken = await failure(t.m.importProject(actors.editor, { document, mode: "create" }));
    expect([taken.status, taken.code]).toEqual([409, "slug_taken"]);
    expect((await failure(t.m.importProject(actors.editor, { document, mode: "create", slug: "import" }))).errors?.[0]).toMatchObject({ field: "body.slug", code: "reserved" });
  });

  it("replace-drafts replaces existing drafts, adds missing environments, leaves protection alone; audited per environment", async () => {
    await t.m.createProject(actors.editor, { slug: "target", name: "Target", environments: [{ slug: "prod", name: "prod", protected: false, baseUrls: [] }] });
    await t.m.saveDraft(actors.editor, "target", "prod", draftRequest(0, ["https://gone.example.com"]));
    const document = JSON.parse(JSON.stringify(await t.m.exportProject("shop")));
    const { project, created } = await t.m.importProject(actors.editor, { document, mode: "replace-drafts", slug: "target" });
    expect(created).toBe(false);
    expect(project.environments.map((e) => [e.slug, e.protected])).toEqual([["prod", false], ["dev", false], ["empty", false]]);
    const prod = await t.m.getDraft("target", "prod");
    expect(prod.content.origins.map((o) => o.value)).toEqual(["https://www.example.com", "https://example.com"]);
    expect(prod.revision).toBe(2);
    expect((await t.m.exportProject("target")).environments.find((e) => e.slug === "dev")?.policy).toEqual(document.environments[0].policy);
    const events = await t.app.client.prisma.auditEvent.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
    // dev: added + filled; prod: replaced; empty: added, its (empty) draft unchanged.
    expect(events.map((e) => e.action)).toEqual(["project.create", "draft.save", "environment.create", "draft.import", "draft.import", "environment.create", "project.import"]);
    expect(events.filter((e) => e.action === "draft.import")[1]?.before).toMatchObject({ origins: [{ value: "https://gone.example.com" }] });
    expect((await failure(t.m.importProject(actors.editor, { document, mode: "replace-drafts", slug: "nope" }))).status).toBe(404);
  });
});
