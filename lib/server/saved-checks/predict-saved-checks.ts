import { prisma } from "@/lib/server/db/client";
import { checkImpact, compilePolicy, policyRejection, predictBrowserVerdict, type CompiledPolicy } from "@/lib/cors";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { checksPreflightOnly, type PredictedCheckVerdict, type SavedCheckExpect, type SavedCheckPredictions } from "@/lib/api/schemas/saved-check";
import { judgeSimulatedEngines } from "@/lib/cors/engine-requirement";
import { DEFAULT_ENGINE, type Engine, type EngineRule } from "@/lib/cors/simulate";
import { notFound } from "@/lib/server/errors";
import { findEnvironment } from "@/lib/server/environments/find-environment";
import { readDraftState } from "@/lib/server/drafts/get-draft";
import { toPolicyInput } from "@/lib/server/policies/policy-input";
import { liveVersion } from "@/lib/server/versions/live-version";
import { SAVED_CHECK_ORDER, toSavedCheckDto } from "./saved-check-dto";
import { policyContentFromColumn } from "@/lib/server/policies/policy-content-column";

function compile(content: PolicyContent): CompiledPolicy | null {
  const compiled = compilePolicy(toPolicyInput(content));
  return compiled.ok ? compiled.policy : null;
}

type CheckRequest = { origin: string; url: string; method: string; headers: Record<string, string>; credentials: "omit" | "include" };

type EnginePrediction = Omit<PredictedCheckVerdict, "engines"> & { departures: readonly EngineRule[] };

function predictIn(policy: CompiledPolicy, request: CheckRequest, now: number, engine: Engine): EnginePrediction {
  try {
    const p = predictBrowserVerdict(policy, request, { now, engine });
    return { verdict: p.verdict, stage: p.stage, failure: p.failure, policyReason: p.verdict === "blocked" ? policyRejection(policy, request, { now }) : null, departures: p.departures };
  } catch (error) {
    // fetch() itself would throw (an invalid header name or value): nothing is sent.
    const message = error instanceof Error ? error.message : String(error);
    return { verdict: "blocked", stage: "preflight", failure: { rule: "invalid-request", message, fix: "Correct the check's headers: fetch() refuses this request before sending it." }, policyReason: null, departures: [] };
  }
}

/**
 * The prediction in every required engine: the verdict, stage and failure
 * shown are the first failing engine's (else the first engine's), so a check
 * that must pass in Chromium and Firefox breaks when either would block it.
 */
function predict(policy: CompiledPolicy, request: CheckRequest, now: number, expect: SavedCheckExpect, engines: readonly Engine[]): PredictedCheckVerdict {
  const list = engines.length === 0 ? [DEFAULT_ENGINE] : engines;
  const perEngine = list.map((engine) => ({ engine, ...predictIn(policy, request, now, engine) }));
  const judged = judgeSimulatedEngines(expect, perEngine);
  const shown = perEngine.find((p) => p.engine === judged.failed?.engine) ?? perEngine[0];
  if (shown === undefined) throw new Error("no engine to predict");
  return { verdict: shown.verdict, stage: shown.stage, failure: shown.failure, policyReason: shown.policyReason, engines: judged.engines.map((e) => ({ ...e })) };
}

/** What would go live: the saved draft (publish dialog), a change request's content (approval), an old version's (rollback). */
export type PredictionSubject = { kind: "draft" } | { kind: "change-request"; id: string } | { kind: "version"; number: number };

/**
 * What each saved check will do once `content` is live, next to what it does
 * with the live version: predicted with the core (the headers a service
 * running the policy sends, fed to the browser simulator), so no request is
 * sent. `breaks` counts the checks that meet their expectation now and would
 * not after `content` goes live. The one prediction behind every way a
 * policy goes live — publish, approval, rollback — so each warns alike.
 */
export async function predictChecksForContent(environmentId: string, content: PolicyContent): Promise<Omit<SavedCheckPredictions, "draftRevision" | "subject">> {
  const [rows, live] = await Promise.all([prisma.savedCheck.findMany({ where: { environmentId }, orderBy: SAVED_CHECK_ORDER }), liveVersion(prisma, environmentId)]);
  const nextPolicy = compile(content);
  const livePolicy = live ? compile(live.content) : null;
  const now = Date.now();
  const predictions = nextPolicy
    ? rows.map((row) => {
        const check = toSavedCheckDto(row);
        const request: CheckRequest = { origin: check.origin, url: check.url, method: check.method, headers: check.headers, credentials: check.credentials };
        const livePrediction = livePolicy ? predict(livePolicy, request, now, check.expect, check.engines) : null;
        const nextPrediction = predict(nextPolicy, request, now, check.expect, check.engines);
        return {
          id: check.id,
          name: check.name,
          origin: check.origin,
          method: check.method,
          url: check.url,
          expect: check.expect,
          engines: check.engines,
          preflightOnly: checksPreflightOnly(check.method, check.sendActual),
          live: livePrediction,
          draft: nextPrediction,
          impact: checkImpact(check.expect, livePrediction?.verdict ?? null, nextPrediction.verdict),
        };
      })
    : [];
  return { liveVersion: live?.number ?? null, draftValid: nextPolicy !== null, predictions, breaks: predictions.filter((p) => p.impact === "breaks").length };
}

/**
 * The predictions for one subject of an environment: its saved draft (the
 * default), an open change request of it, or one of its versions (rollback).
 */
export async function predictSavedChecks(projectSlug: string, environmentSlug: string, subject: PredictionSubject = { kind: "draft" }): Promise<SavedCheckPredictions> {
  const env = await findEnvironment(prisma, projectSlug, environmentSlug);
  if (subject.kind === "change-request") {
    const cr = await prisma.changeRequest.findFirst({ where: { id: subject.id, environmentId: env.id }, select: { content: true } });
    if (!cr) throw notFound(`Change request ${subject.id} of ${env.projectSlug}/${env.slug}`);
    return { subject: "change-request", draftRevision: null, ...(await predictChecksForContent(env.id, policyContentFromColumn(cr.content))) };
  }
  if (subject.kind === "version") {
    const version = await prisma.policyVersion.findUnique({ where: { environmentId_number: { environmentId: env.id, number: subject.number } }, select: { content: true } });
    if (!version) throw notFound(`Version ${subject.number} of ${env.projectSlug}/${env.slug}`);
    return { subject: "version", draftRevision: null, ...(await predictChecksForContent(env.id, policyContentFromColumn(version.content))) };
  }
  const draft = await readDraftState(prisma, env);
  return { subject: "draft", draftRevision: draft.revision, ...(await predictChecksForContent(env.id, draft.content)) };
}
