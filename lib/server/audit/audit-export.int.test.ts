import { beforeAll, describe, expect, it } from "vitest";
import { TEST_BACKENDS, useTestBackend } from "@/lib/server/test-support/test-backend";
import { createActors, type UserActor } from "@/lib/server/test-support/actors";
import { draftRequest } from "@/lib/server/test-support/policy-request";
import type { Actor } from "@/lib/server/auth/actor";

const load = async () => ({
  ...(await import("@/lib/server/projects/create-project")),
  ...(await import("@/lib/server/drafts/save-draft")),
  ...(await import("@/lib/server/audit/list-audit")),
  ...(await import("@/lib/server/audit/export-audit")),
  ...(await import("@/lib/api/schemas/audit")),
});

/** A minimal RFC 4180 reader, to check the export parses back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe.each(TEST_BACKENDS)("audit filters and export on %s", (backend) => {
  const t = useTestBackend(backend, load);
  let actors: { admin: UserActor; editor: UserActor; editor2: UserActor; viewer: UserActor };
  // Token names are free text: the export must escape them.
  const token: Actor = { kind: "token", id: "tok-1", name: 'ci, "nightly"\nbot', scope: "admin", projectId: null, environmentId: null, role: "admin" };

  beforeAll(async () => {
    actors = await createActors(t.app.client.prisma);
    await t.m.createProject(token, { slug: "shop", name: "Shop, \"the\" store" });
    await t.m.createProject(actors.editor, { slug: "blog", name: "Blog" });
    await t.m.saveDraft(actors.editor, "shop", "dev", draftRequest(0, [{ value: "https://a.example.com", note: "note, with \"quotes\"\nand a line" }]));
    await t.m.saveDraft(actors.editor, "shop", "prod", draftRequest(0, ["https://www.example.com"]));
    await t.m.saveDraft(actors.editor, "blog", "prod", draftRequest(0, ["https://blog.example.com"]));
  });

  it("filters by project and by environment", async () => {
    const q = (extra: Record<string, string>) => t.m.listAudit(t.m.auditQuerySchema.parse(extra));
    expect((await q({ project: "shop" })).events.map((e) => e.action)).toEqual(["draft.save", "draft.save", "project.create"]);
    const prodOfShop = await q({ project: "shop", environment: "prod" });
    expect(prodOfShop.events.map((e) => [e.action, (e.after as { origins: { value: string }[] }).origins[0]?.value])).toEqual([["draft.save", "https://www.example.com"]]);
    expect((await q({ environment: "prod" })).events).toHaveLength(2);
    expect((await q({ project: "nope" })).events).toEqual([]);
    expect((await q({ project: "shop", environment: "qa" })).events).toEqual([]);
  });

  it("names what events refer to, and filters by date range (the end before the start refused)", async () => {
    const q = (extra: Record<string, string>) => t.m.listAudit(t.m.auditQuerySchema.parse(extra));
    const shop = (await q({ project: "shop" })).events;
    expect(shop.map((e) => [e.action, e.project, e.environment, e.targetLabel])).toEqual([
      ["draft.save", "shop", "prod", "shop/prod"],
      ["draft.save", "shop", "dev", "shop/dev"],
      ["project.create", "shop", null, "shop"],
    ]);
    const newest = Date.parse(shop[0]!.at);
    const oldest = Date.parse(shop.at(-1)!.at);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect((await q({ project: "shop", from: iso(oldest), to: iso(newest) })).events).toHaveLength(3);
    expect((await q({ project: "shop", from: iso(newest + 1) })).events).toEqual([]);
    expect((await q({ project: "shop", to: iso(oldest - 1) })).events).toEqual([]);
    const backwards = t.m.auditQuerySchema.safeParse({ from: iso(newest), to: iso(oldest - 1) });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues).toEqual([expect.objectContaining({ path: ["to"], message: "The end of the date range is before its start." })]);
    expect(t.m.auditExportQuerySchema.safeParse({ from: iso(newest), to: iso(oldest - 1) }).success).toBe(false);
    const csv = await t.m.exportAudit(t.m.auditExportQuerySchema.parse({ format: "csv", project: "shop", from: iso(newest + 1) }));
    expect(csv.body.trim().split("\r\n")).toHaveLength(1);
  });

  it("exports CSV with proper escaping, slugs resolved, and the same fields back when parsed", async () => {
    const file = await t.m.exportAudit(t.m.auditExportQuerySchema.parse({ format: "csv", project: "shop" }), new Date("2026-11-29T10:00:00Z"));
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.filename).toBe("corsboard-audit-2026-11-29T10-00-00-000Z.csv");
    const rows = parseCsv(file.body);
    expect(rows[0]).toEqual(["id", "at", "actor", "action", "targetType", "targetId", "project", "environment", "projectId", "environmentId", "before", "after"]);
    expect(rows).toHaveLength(4);
    const create = rows.find((r) => r[3] === "project.create") as string[];
    expect(create[2]).toBe('token:ci, "nightly"\nbot');
    expect(create[6]).toBe("shop");
    expect(JSON.parse(create[11] as string)).toMatchObject({ name: 'Shop, "the" store' });
    const devSave = rows.find((r) => r[3] === "draft.save" && r[7] === "dev") as string[];
    expect(JSON.parse(devSave[11] as string).origins[0].note).toBe('note, with "quotes"\nand a line');
    expect(file.body.endsWith("\r\n")).toBe(true);
  });

  it("exports JSON with the filters used", async () => {
    const file = await t.m.exportAudit(t.m.auditExportQuerySchema.parse({ format: "json", project: "blog" }));
    expect(file.contentType).toBe("application/json; charset=utf-8");
    const body = JSON.parse(file.body);
    expect(body.filters).toEqual({ project: "blog" });
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(["draft.save", "project.create"]);
  });
});
