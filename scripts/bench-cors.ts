// Benchmark of the CORS core: `npm run bench:cors` (npx tsx scripts/bench-cors.ts).
//
// Measures, in one run, evaluations per second for allowlists of 10, 1,000 and
// 100,000 exact origins plus 100 wildcard patterns, for requests that hit an
// exact origin, hit a wildcard, or miss — and the same decision made the way
// the `cors` npm package's array allowlist makes it (a linear scan over
// strings and RegExps, reimplemented below). Each measurement runs for a fixed
// time budget, so the whole run stays well under a minute.

import { compilePolicy, evaluateRequest, type CompiledPolicy } from "../lib/cors";

const SIZES = [10, 1_000, 100_000] as const;
const PATTERNS = 100;
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 150);
const ROUNDS = 3;
const REQUESTS = 1024; // distinct request origins per scenario, cycled

// "hit exact, 16 hot": the same 16 origins, spread through the list, requested over and
// over (a service's real traffic: few origins, many requests) — only the list size varies.
// "hit exact, any": any origin of the list at random (the table no longer fits in CPU caches).
const SCENARIOS = ["hit exact, 16 hot", "hit exact, any", "hit wildcard", "miss"] as const;
type Scenario = (typeof SCENARIOS)[number];
const HOT = 16;

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exactOrigin = (i: number) => `https://app${i}.customer${i % 997}.example.com`;
const patternBase = (j: number) => `zone${j}.example.net`;

// --- the `cors` package's decision (lib/index.js, isOriginAllowed), reimplemented ---
function isOriginAllowed(origin: string, allowedOrigin: unknown): boolean {
  if (Array.isArray(allowedOrigin)) {
    for (let i = 0; i < allowedOrigin.length; ++i) {
      if (isOriginAllowed(origin, allowedOrigin[i])) return true;
    }
    return false;
  } else if (typeof allowedOrigin === "string") {
    return origin === allowedOrigin;
  } else if (allowedOrigin instanceof RegExp) {
    return allowedOrigin.test(origin);
  }
  return !!allowedOrigin;
}

/** Best of ROUNDS timed runs (the machine may be shared: the best run is the least disturbed). */
function measure(origins: readonly string[], op: (origin: string) => boolean): number {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) best = Math.max(best, measureOnce(origins, op));
  return best;
}

/** Runs `op` over the request origins until the budget is spent; returns operations per second. */
function measureOnce(origins: readonly string[], op: (origin: string) => boolean, budgetMs = BUDGET_MS): number {
  let sink = 0;
  const run = (iterations: number) => {
    for (let i = 0; i < iterations; i++) if (op(origins[i % origins.length] ?? "")) sink++;
  };
  // warm up (JIT), then grow batches until the budget is spent
  const warmEnd = performance.now() + budgetMs / 4;
  while (performance.now() < warmEnd) run(64);
  let iterations = 0;
  let batch = 64;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    run(batch);
    iterations += batch;
    elapsed = performance.now() - start;
    if (elapsed < budgetMs / 8) batch *= 2;
  }
  if (sink < 0) console.log(sink); // keep the result alive
  return (iterations / elapsed) * 1000;
}

function format(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

function requestOrigins(size: number, scenario: Scenario, rand: () => number): string[] {
  return Array.from({ length: REQUESTS }, (_, k) => {
    switch (scenario) {
      case "hit exact, 16 hot": {
        const slot = k % Math.min(HOT, size);
        return exactOrigin(Math.floor(((slot + 0.5) * size) / Math.min(HOT, size)));
      }
      case "hit exact, any":
        return exactOrigin(Math.floor(rand() * size));
      case "hit wildcard":
        return `https://tenant${k}.${patternBase(Math.floor(rand() * PATTERNS))}`;
      case "miss":
        return `https://evil${k}.example.org`;
    }
  });
}

/**
 * The harness calls every implementation through one call site. Left alone,
 * V8 inlines whatever it sees first and de-optimizes when more functions come,
 * so the first measurements would look faster than the later ones. Feeding the
 * call site several functions first puts every measurement on the same footing.
 */
function levelTheCallSite(): void {
  const dummies = Array.from({ length: 6 }, (_, i) => (origin: string) => origin.length > i);
  for (const dummy of dummies) measureOnce(["https://warm.example"], dummy, 5);
}

function main(): void {
  const started = performance.now();
  levelTheCallSite();
  const rand = random(42);
  const patterns = Array.from({ length: PATTERNS }, (_, j) => `https://*.${patternBase(j)}`);
  // what a `cors` user writes for the same patterns
  const regexps = Array.from({ length: PATTERNS }, (_, j) => new RegExp(`^https://([a-z0-9-]+\\.)+${patternBase(j).replaceAll(".", "\\.")}$`));

  console.log(`CORS core benchmark — ${PATTERNS} wildcard patterns + N exact origins, best of ${ROUNDS} × ${BUDGET_MS} ms per measurement, Node ${process.version}\n`);
  const header = ["exact origins", "request", "evaluateRequest", "match only", "cors array scan", "match ÷ cors", "evaluate ÷ cors"];
  const rows: string[][] = [];
  const exactHit = new Map<number, { match: number; cors: number }>();

  for (const size of SIZES) {
    const exact = Array.from({ length: size }, (_, i) => exactOrigin(i));
    const compileStart = performance.now();
    const compiled = compilePolicy({ origins: [...exact, ...patterns], allowCredentials: true, exposedHeaders: ["x-request-id"] });
    const compileMs = performance.now() - compileStart;
    if (!compiled.ok) throw new Error(`compile failed: ${JSON.stringify(compiled.problems.slice(0, 3))}`);
    const policy: CompiledPolicy = compiled.policy;
    console.log(`compiled ${size + PATTERNS} rules in ${compileMs.toFixed(1)} ms`);
    const corsList: (string | RegExp)[] = [...exact, ...regexps];

    for (const scenario of SCENARIOS) {
      const origins = requestOrigins(size, scenario, rand);
      // sanity: both implementations agree on every request origin
      for (const origin of origins) {
        const ours = evaluateRequest(policy, { method: "GET", origin }).allowed;
        if (ours !== isOriginAllowed(origin, corsList) || ours !== (scenario !== "miss")) throw new Error(`disagreement on ${origin}`);
      }
      const evaluate = measure(origins, (origin) => evaluateRequest(policy, { method: "GET", origin }).allowed);
      const match = measure(origins, (origin) => policy.match(origin).matched);
      const cors = measure(origins, (origin) => isOriginAllowed(origin, corsList));
      if (scenario === "hit exact, 16 hot") exactHit.set(size, { match, cors });
      const ratio = (x: number) => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
      rows.push([size.toLocaleString("en"), scenario, format(evaluate), format(match), format(cors), ratio(match / cors), ratio(evaluate / cors)]);
    }
  }

  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(line(row));

  const at = (size: number) => exactHit.get(size) ?? { match: 0, cors: 0 };
  const [s0, s1, s2] = [at(SIZES[0]), at(SIZES[1]), at(SIZES[2])];
  console.log(
    `\nExact-origin decision, same 16 hot origins, as the list grows 10 → 1,000 → 100,000:\n` +
      `  compiled matcher: ${format(s0.match)} → ${format(s1.match)} → ${format(s2.match)} (100,000 vs 10: ×${(s2.match / s0.match).toFixed(2)} — no scan: one hash lookup whatever the size; the rest is noise)\n` +
      `  cors array scan:  ${format(s0.cors)} → ${format(s1.cors)} → ${format(s2.cors)} (100,000 vs 10: ×${(s2.cors / s0.cors).toFixed(5)} — linear)`,
  );
  console.log(
    `With any of the 100,000 origins at random, throughput drops by memory latency (the table outgrows the CPU caches), not by scanning: still one hash lookup.`,
  );
  console.log(`evaluateRequest also builds the response headers and the reason; "match only" is the decision alone, like the cors column.`);
  console.log(`Total time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
