import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, failure, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/get-draft")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/publishing/publish-draft")),
  ...(await import("@/lib/server/compare/compare-environments")),
  ...(await import("@/lib/server/compare/promote-origins")),
});

describe.each(TEST_BACKENDS)("compare and promote on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
    await t.m.createProject(actors.editor, { slug: "shop", name: "Shop" });
    const staging = await t.m.saveDraft(
      actors.editor,
      "shop",
      "staging",
      draftRequest(0, ["https://staging.example.com", { value: "https://admin.example.com", note: "Back office", expiresAt: "2030-06-01T00:00:00Z" }, "https://both.example.com"], {
        allowCredentials: true,
        maxAgeSeconds: 600,
      }),
    );
    await t.m.publishDraft(actors.editor, "shop", "staging", { message: "v1", revision: staging.revision });
    await t.m.saveDraft(actors.editor, "shop", "staging", draftRequest(staging.revision, ["https://staging.example.com", { value: "https://admin.example.com", note: "Back office", expiresAt: "2030-06-01T00:00:00Z" }, "https://both.example.com", "https://draft-only.example.com"], { allowCredentials: true, maxAgeSeconds: 600 }));
    await t.m.saveDraft(actors.editor, "shop", "prod", draftRequest(0, ["https://both.example.com", "https://www.example.com"], { maxAgeSeconds: 60 }));
  });

  it("compares drafts: only in from, only in to, in both, differing settings", async () => {
    expect(await t.m.compareEnvironments("shop", { from: "staging", to: "prod", source: "draft" })).toEqual({
      from: "staging",
      to: "prod",
      source: "draft",
      onlyInFrom: ["https://staging.example.com", "https://admin.example.com", "https://draft-only.example.com"],
      onlyInTo: ["https://www.example.com"],
      inBoth: ["https://both.example.com"],
      settings: [
        { field: "allowCredentials", from: true, to: false },
        { field: "maxAgeSeconds", from: 600, to: 60 },
      ],
    });
  });

  it("compares live versions (an environment never published counts as empty)", async () => {
    const live = await t.m.compareEnvironments("shop", { from: "staging", to: "prod", source: "live" });
    expect(live.onlyInFrom).toEqual(["https://staging.example.com", "https://admin.example.com", "https://both.example.com"]);
    expect(live.onlyInTo).toEqual([]);
    expect((await failure(t.m.compareEnvironments("shop", { from: "staging", to: "qa", source: "draft" }))).status).toBe(404);
  });

  it("promotes chosen origins into the target draft with their note and expiry, skipping ones already there; audited", async () => {
    const before = await t.m.getDraft("shop", "prod");
    const draft = await t.m.promoteOrigins(actors.editor2, "shop", "prod", { from: "staging", source: "draft", origins: ["https://admin.example.com", "https://both.example.com"] });
    expect(draft.revision).toBe(before.revision + 1);
    expect(draft.content.origins).toEqual([
      { value: "https://both.example.com", note: null, expiresAt: null },
      { value: "https://www.example.com", note: null, expiresAt: null },
      { value: "https://admin.example.com", note: "Back office", expiresAt: "2030-06-01T00:00:00.000Z" },
    ]);
    const event = await t.app.client.prisma.auditEvent.findFirst({ where: { action: "draft.promote" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorLabel: actors.editor2.email, after: { from: "staging", source: "draft", skipped: ["https://both.example.com"] } });
  });

  it("promotes from the live version when asked; refuses origins that aren't in the source, naming each", async () => {
    const err = await failure(t.m.promoteOrigins(actors.editor, "shop", "prod", { from: "staging", source: "live", origins: ["https://draft-only.example.com", "https://staging.example.com", "https://nowhere.example.com"] }));
    expect(err.status).toBe(422);
    expect(err.errors?.map((e) => e.field)).toEqual(["body.origins.0", "body.origins.2"]);
    const same = await failure(t.m.promoteOrigins(actors.editor, "shop", "prod", { from: "prod", source: "draft", origins: ["https://www.example.com"] }));
    expect(same.errors?.[0]?.field).toBe("body.from");
    const draft = await t.m.promoteOrigins(actors.editor, "shop", "dev", { from: "staging", source: "live", origins: ["https://staging.example.com"] });
    expect(draft.content.origins.map((o) => o.value)).toEqual(["https://staging.example.com"]);
  });
});
