/**
 * npx tsx scripts/bench-editor.ts [--origins 5000] [--runs 5]
 *
 * The policy editor's costs with a large allowlist (5,000 origins in one
 * environment by default), on a throwaway embedded database:
 *   parse    lib/cors parseOriginList of every origin
 *   lint     lib/cors lintPolicy (what every draft answer carries)
 *   save     PUT draft through saveDraft: validate + diff rows + write + audit + draft answer
 *            (first save inserts every row; later saves change one origin, or all notes)
 *   add      POST draft/origins of one origin (merge under the draft lock)
 *   read     GET draft (rows → content, diff vs live, lint)
 *   publish  publishDraft of one changed origin (lint, diff, new version, audit)
 * Each figure is the median of --runs runs (first save: one run). The target
 * is lint + save under a second.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { origins: { type: "string", default: "5000" }, runs: { type: "string", default: "5" } } });
const N = Number(values.origins);
const RUNS = Number(values.runs);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corsboard-bench-editor-"));
process.env.CORSBOARD_DATA_DIR = path.join(dir, "data");
delete process.env.DATABASE_URL;
process.env.LOG_LEVEL = "warn";
process.env.CORSBOARD_SEED_DEMO = "0";

const { parseOriginList } = await import("../lib/cors");
const { prisma, ensureDatabase, closeDatabase } = await import("../lib/server/db/client");
const { createProject } = await import("../lib/server/projects/create-project");
const { saveDraft } = await import("../lib/server/drafts/save-draft");
const { addOrigins } = await import("../lib/server/drafts/add-origins");
const { getDraft } = await import("../lib/server/drafts/get-draft");
const { publishDraft } = await import("../lib/server/publishing/publish-draft");
const { lintContent } = await import("../lib/server/policies/lint-content");
type SaveDraftRequest = import("../lib/api/schemas/editing").SaveDraftRequest;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function time(fn: () => unknown, runs = RUNS): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(ms(start));
  }
  return median(samples);
}

try {
  process.stdout.write(`Opening a fresh embedded database in ${dir}… `);
  let start = process.hrtime.bigint();
  await ensureDatabase();
  console.log(`${(ms(start) / 1000).toFixed(1)} s`);

  const actor = { kind: "user" as const, id: "bench-user", email: "bench@corsboard.test", name: "Bench", role: "admin" as const };
  await prisma.user.create({ data: { id: actor.id, email: actor.email, name: actor.name, role: "admin", emailVerified: true } });

  const scenarios: { env: string; title: string; value: (i: number) => string }[] = [
    { env: "exact", title: `${N} exact origins`, value: (i) => `https://app-${i}.customers.example.com` },
    {
      env: "mixed",
      title: `${N} origins: ${Math.floor(N / 50)} wildcards, some localhost, the rest exact`,
      value: (i) => (i % 50 === 0 ? `https://*.tenant-${i}.example.com` : i % 97 === 0 ? `http://localhost:${3000 + i}` : `https://app-${i}.customers.example.com`),
    },
  ];
  await createProject(actor, { slug: "bench", name: "Bench", environments: scenarios.map((s) => ({ slug: s.env, name: s.env, protected: false, baseUrls: [] })) });

  for (const scenario of scenarios) {
    // A few with notes and an expiry, like real lists.
    const origins = Array.from({ length: N }, (_, i) => ({
      value: scenario.value(i),
      note: i % 10 === 0 ? `customer ${i}` : null,
      expiresAt: i % 25 === 0 ? "2030-01-01T00:00:00.000Z" : null,
    }));
    const body = (revision: number, list = origins): SaveDraftRequest => ({
      revision,
      origins: list,
      allowCredentials: true,
      allowedMethods: ["PUT", "PATCH", "DELETE"],
      allowedHeaders: ["content-type", "authorization"],
      reflectRequestHeaders: false,
      exposedHeaders: ["x-request-id"],
      maxAgeSeconds: 600,
      noOrigin: "allow",
      allowPrivateNetwork: false,
    });
    const content = { ...body(0), origins };
    const env = scenario.env;
    const results: [string, number][] = [];
    const row = async (name: string, fn: () => unknown, runs = RUNS) => {
      const value = await time(fn, runs);
      results.push([name, value]);
      return value;
    };

    await row("parse (lib/cors parseOriginList)", () => parseOriginList(origins.map((o) => o.value)));
    const lint = await row("lint (lib/cors lintPolicy, unprotected)", () => lintContent(content, { protected: false, name: env }));
    await row("lint (lib/cors lintPolicy, protected)", () => lintContent(content, { protected: true, name: env }));
    start = process.hrtime.bigint();
    let draft = await saveDraft(actor, "bench", env, body(0));
    results.push([`save: first save (${N} new rows, 1 run)`, ms(start)]);
    let k = 0;
    const saveOne = await row("save: one origin replaced (validate+lint, diff, write, audit)", async () => {
      const list = [...origins];
      list[N - 1] = { value: `https://changed-${k++}.example.org`, note: null, expiresAt: null };
      draft = await saveDraft(actor, "bench", env, body(draft.revision, list));
    });
    await row(`save: every note changed (${N} rows updated)`, async () => {
      const tag = k++;
      draft = await saveDraft(actor, "bench", env, body(draft.revision, origins.map((o) => ({ ...o, note: `note ${tag}` }))));
    });
    await row("add one origin (POST draft/origins)", async () => {
      draft = await addOrigins(actor, "bench", env, { origins: [{ value: `https://added-${k++}.example.org`, note: null, expiresAt: null }] });
    });
    await row("read draft (GET: content, diff vs live, lint)", () => getDraft("bench", env));
    const publishes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      draft = await addOrigins(actor, "bench", env, { origins: [{ value: `https://published-${k++}.example.org`, note: null, expiresAt: null }] });
      const start = process.hrtime.bigint();
      await publishDraft(actor, "bench", env, { message: "bench", revision: draft.revision });
      publishes.push(ms(start));
    }
    results.push(["publish (lint, diff vs live, new version, audit)", median(publishes)]);

    console.log(`\n${scenario.title} (median of ${RUNS} runs)`);
    const width = Math.max(...results.map(([name]) => name.length));
    for (const [name, value] of results) console.log(`  ${name.padEnd(width)}  ${Number.isNaN(value) ? "   (below)" : `${value.toFixed(1).padStart(8)} ms`}`);
    // A save lints once (its validation is the lint's error findings), so its figure already holds the lint.
    console.log(`  → lint + save of one change: ${saveOne.toFixed(0)} ms (lint alone ${lint.toFixed(0)} ms) — target < 1000 ms: ${saveOne < 1000 ? "OK" : "SLOW"}`);
  }
} finally {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
}
