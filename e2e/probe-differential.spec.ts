// Differential test of the server-side probe (lib/server/probe/run-probe.ts)
// against real Chromium. Each case of e2e/fixtures/cors-scenarios.ts is
// fetched by Chromium from a page on http://app.test:<port> (where it stopped
// is inferred from what reached the scenario server, as in
// e2e/cors-differential.spec.ts) and probed from Node with the same Origin,
// method, headers and credentials mode against the same server. Verdict and,
// when blocked, stage (preflight or actual) must agree; so must the preflight
// each of them sent.
//
// Cases the probe cannot mirror by design are listed in EXCLUDED with the
// reason, and each still checks the probe's documented behaviour for it, so
// the list cannot silently go stale.

import { expect, test } from "@playwright/test";
import { hostMapResolver, parseHostMap } from "../lib/server/probe/host-map";
import { describeRefusal, type TargetRefusal } from "../lib/server/probe/probe-outcome";
import { runProbe, type ProbeOptions, type ProbeResult } from "../lib/server/probe/run-probe";
import { observeInChromium, openScenarioPages, prepareCases, type ChromiumObservation, type PreparedCase } from "./fixtures/chromium-observation";
import { CACHE_CASES, CASES, type Outcome } from "./fixtures/cors-scenarios";
import { startScenarioServer, type LoggedRequest, type ScenarioServer } from "./servers/scenario-server";

const CONCURRENCY = 6;

/** The probe as the e2e dashboard runs it: private targets allowed, `*.test` mapped to 127.0.0.1 like Chromium's resolver rules. */
const PROBE_OPTIONS: ProbeOptions = { allowPrivate: true, resolve: hostMapResolver(parseHostMap("*.test=127.0.0.1").entries) };

/** Cases whose Chromium outcome the probe cannot reproduce by design, with why. */
const EXCLUDED: Readonly<Record<string, string>> = {
  "url-with-credentials": "the probe refuses a URL with user:password as bad input (422 on body.url) instead of answering a verdict; Chromium's fetch() rejects it too",
};

/** The preflight-cache cases of the table are not probed: they need two requests and the browser's cache. */
const CACHE_EXCLUSION = "depends on the browser's preflight cache across two requests; the probe sends a fresh preflight every time and only reports the max-age it read";

interface ProbeObservation {
  readonly result?: ProbeResult;
  /** Why runProbe refused the input instead of answering (outcome `refused`). */
  readonly refusal?: TargetRefusal;
  /** What the probe's requests looked like at the server. */
  readonly requests: readonly LoggedRequest[];
  readonly ms: number;
}

let server: ScenarioServer;
let prepared = new Map<string, PreparedCase>();
let chromium = new Map<string, ChromiumObservation>();
const probed = new Map<string, ProbeObservation>();
const timings = { chromiumMs: 0, probeMs: 0, started: 0 };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  timings.started = Date.now();
  server = await startScenarioServer();
  prepared = prepareCases(server, CASES);

  let t = Date.now();
  const pages = await openScenarioPages(browser, server);
  chromium = await observeInChromium(pages, server, prepared, CONCURRENCY);
  await pages.close();
  timings.chromiumMs = Date.now() - t;

  // Then the probe, on the same routes: what it sends is told apart from
  // Chromium's requests by position in the server's log.
  t = Date.now();
  const queue = [...prepared.values()];
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) probed.set(p.testCase.id, await probeCase(p));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  timings.probeMs = Date.now() - t;
});

test.afterAll(async () => {
  const compared = CASES.filter((c) => !(c.id in EXCLUDED));
  const agree = compared.filter((c) => {
    const o = chromium.get(c.id);
    const r = probed.get(c.id)?.result;
    return o !== undefined && r !== undefined && outcomeOf(r) === o.outcome;
  }).length;
  const reasons = new Map<string, string[]>();
  for (const [id, reason] of [...Object.entries(EXCLUDED), ...CACHE_CASES.map((c) => [c.id, CACHE_EXCLUSION] as const)]) {
    reasons.set(reason, [...(reasons.get(reason) ?? []), id]);
  }
  const excluded = Object.keys(EXCLUDED).length + CACHE_CASES.length;
  console.log(
    [
      `probe-differential: ${CASES.length + CACHE_CASES.length} scenarios, ${compared.length} compared, ${agree} agree with Chromium, ${excluded} excluded:`,
      ...[...reasons].map(([reason, ids]) => `  - ${ids.length} (${ids.join(", ")}): ${reason}`),
      `  time: Chromium ${timings.chromiumMs} ms, probe ${timings.probeMs} ms, total ${Date.now() - timings.started} ms`,
    ].join("\n"),
  );
  await server?.close();
});

for (const testCase of CASES) {
  const exclusion = EXCLUDED[testCase.id];
  test(`${testCase.id} — ${exclusion === undefined ? testCase.rule : "excluded"}`, async () => {
    const p = prepared.get(testCase.id);
    const o = chromium.get(testCase.id);
    const probe = probed.get(testCase.id);
    if (p === undefined || o === undefined || probe === undefined) throw new Error(`case ${testCase.id} was not run`);
    const context = describe(o, probe);

    if (exclusion !== undefined) {
      checkExcluded(testCase.id, probe, context);
      return;
    }
    const result = probe.result;
    expect(result, `the probe answered a verdict\n${context}`).toBeDefined();
    if (result === undefined) return;

    // The probe agrees with Chromium on verdict and stage.
    expect(outcomeOf(result), `probe vs Chromium\n${context}`).toBe(o.outcome);
    // Port blocking: Chromium refused before connecting (net::ERR_UNSAFE_PORT), and so did the probe.
    if (testCase.rule.startsWith("bad-port")) {
      expect(o.netError, `Chromium's network error\n${context}`).toBe("net::ERR_UNSAFE_PORT");
      expect(result.failure?.rule, context).toBe("bad-port");
    }

    // And it sent the preflight Chromium sent (same CORS headers), and the
    // actual request with the same method, when Chromium sent them.
    const path = p.ctx.path();
    const chromiumPreflight = o.requests.find((r) => r.path === path && r.method === "OPTIONS");
    const probePreflight = probe.requests.find((r) => r.path === path && r.method === "OPTIONS");
    expect.soft(probePreflight !== undefined, `probe sent a preflight iff Chromium did\n${context}`).toBe(chromiumPreflight !== undefined);
    if (chromiumPreflight !== undefined && probePreflight !== undefined) {
      for (const name of ["origin", "access-control-request-method", "access-control-request-headers"]) {
        expect.soft(probePreflight.headers[name], `preflight ${name}\n${context}`).toBe(chromiumPreflight.headers[name]);
      }
    }
    const chromiumActual = o.requests.find((r) => r.path === path && r.method !== "OPTIONS");
    const probeActual = probe.requests.find((r) => r.path === path && r.method !== "OPTIONS");
    expect.soft(probeActual !== undefined, `probe sent the actual request iff Chromium did\n${context}`).toBe(chromiumActual !== undefined);
    if (chromiumActual !== undefined && probeActual !== undefined) {
      expect.soft(probeActual.method, `actual request method\n${context}`).toBe(chromiumActual.method);
      expect.soft(probeActual.headers.origin, `actual request Origin\n${context}`).toBe(chromiumActual.headers.origin);
      // The page's own headers go out as Chromium sends them (forbidden ones
      // dropped). User-Agent is the exception: each client sends its own.
      for (const name of Object.keys(p.testCase.request.headers ?? {}).map((n) => n.toLowerCase())) {
        if (name === "user-agent") continue;
        expect.soft(probeActual.headers[name], `actual request header ${name}\n${context}`).toBe(chromiumActual.headers[name]);
      }
    }
    // Redirect chains: the probe followed the same hops, each with the same
    // method, Origin (null once tainted) and preflight, and sent Authorization
    // only where Chromium did.
    // Consecutive repeats are collapsed: Chromium re-sends a request once when
    // the connection closes without any response (the network-error cases),
    // the probe does not; that is a retry, not another hop.
    const hops = (requests: readonly LoggedRequest[]) =>
      requests
        .map((r) => `${r.method} ${r.host.replace(/:\d+$/, "")}${r.path} origin=${r.headers.origin ?? "-"} authorization=${r.headers.authorization === undefined ? "no" : "yes"}`)
        .filter((line, i, all) => line !== all[i - 1]);
    expect.soft(hops(probe.requests), `the same requests, hop by hop\n${context}`).toEqual(hops(o.requests));
  });
}

/** Each exclusion still pins the probe's behaviour that makes the case incomparable. */
function checkExcluded(id: string, probe: ProbeObservation, context: string): void {
  if (id === "url-with-credentials") {
    expect(probe.refusal, `refused as bad input\n${context}`).toEqual({ reason: "credentials-in-url" });
    expect(probe.requests, "nothing was sent").toEqual([]);
    return;
  }
  throw new Error(`no check for the excluded case ${id}: say how the probe behaves for it`);
}

async function probeCase(p: PreparedCase): Promise<ProbeObservation> {
  const path = p.ctx.path();
  const before = server.requests(path).length;
  const started = Date.now();
  const request = p.testCase.request;
  const outcome = await runProbe(
    {
      url: p.url,
      origin: p.origin,
      method: request.method ?? "GET",
      headers: request.headers ?? {},
      // The probe never sends credentials; "same-origin" (fetch's default)
      // sends none cross-origin either, so it is probed as "omit".
      credentials: request.credentials === "include" ? "include" : "omit",
      // The scenario server has no side effects.
      sendActual: true,
    },
    PROBE_OPTIONS,
  );
  const observed = outcome.kind === "refused" ? { refusal: outcome.refusal } : { result: outcome.result };
  return { ...observed, requests: server.requests(path).slice(before), ms: Date.now() - started };
}

function outcomeOf(result: ProbeResult): Outcome {
  return result.verdict === "allowed" ? "allowed" : (result.stage ?? "actual");
}

function describe(o: ChromiumObservation, probe: ProbeObservation): string {
  const seen = (requests: readonly LoggedRequest[]) => requests.map((r) => `${r.method} ${r.host}${r.path} → ${r.status}`).join(", ") || "nothing";
  const r = probe.result;
  return [
    `Chromium: ${o.outcome} (fetch: ${o.fetchResult}${o.netError === "" ? "" : `, ${o.netError}`}); server saw ${seen(o.requests)}`,
    o.console === "" ? "" : `Chromium console: ${o.console}`,
    r === undefined
      ? `probe refused: ${probe.refusal ? describeRefusal(probe.refusal) : ""}`
      : `probe: ${outcomeOf(r)}${r.failure === null ? "" : ` (${r.failure.rule}: ${r.failure.message})`}; server saw ${seen(probe.requests)}`,
    ...(r?.warnings ?? []).map((w) => `probe warning: ${w}`),
  ]
    .filter((line) => line !== "")
    .join("\n");
}
