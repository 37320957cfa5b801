// The compile-time link between the probe's answer (ProbeAnswer) and the
// API's probeResultSchema (run-signed-probe.ts). These are type checks: tsc
// (npm run typecheck) fails when a `@ts-expect-error` below stops being an
// error, i.e. when the link no longer catches that kind of drift.

import { describe, expectTypeOf, it } from "vitest";
import type { ProbeResultDoc } from "@/lib/api/schemas/probe";
import type { LintFindingDto } from "@/lib/api/schemas/editing";
import type { DeepReadonly, Describes, SameType } from "@/lib/api/same-type";
import type { LintFinding } from "@/lib/cors";
import type { ProbeAnswer } from "./probe-engines";

type Answer = ProbeAnswer;
type Doc = ProbeResultDoc;

describe("the probe answer ↔ probeResultSchema link", () => {
  it("holds for the real types, though one is readonly and the other mutable", () => {
    expectTypeOf<Describes<Doc, Answer>>().toEqualTypeOf<true>();
    // What made a one-way check fail: the probe's arrays are readonly, zod's are not.
    expectTypeOf<Answer["steps"]>().not.toMatchTypeOf<Doc["steps"]>();
    expectTypeOf<DeepReadonly<Answer>>().toMatchTypeOf<DeepReadonly<Doc>>();
  });

  it("fails on a field added to the schema alone", () => {
    // @ts-expect-error a new top-level field
    const top: Describes<Doc & { elapsedMs: number }, Answer> = true;
    // @ts-expect-error a new optional field, nested
    const nested: Describes<Doc & { preflight: { fromCache?: boolean } }, Answer> = true;
    void [top, nested];
  });

  it("fails on a field added to the probe's answer alone", () => {
    // @ts-expect-error a new top-level field
    const top: Describes<Doc, Answer & { readonly elapsedMs: number }> = true;
    // @ts-expect-error a new optional field in the array of steps
    const inArray: Describes<Doc, Omit<Answer, "steps"> & { readonly steps: readonly (Answer["steps"][number] & { readonly durationMs?: number })[] }> = true;
    // @ts-expect-error a new field in each engine's verdict
    const inEngines: Describes<Doc, Omit<Answer, "engines"> & { readonly engines: readonly (Answer["engines"][number] & { readonly departures: readonly string[] })[] }> = true;
    void [top, inArray, inEngines];
  });

  it("fails when a value of the probe's answer is not one the schema takes, and on a field removed from one side", () => {
    // @ts-expect-error a verdict the schema does not know
    const verdict: Describes<Doc, Omit<Answer, "verdict"> & { readonly verdict: "allowed" | "blocked" | "unknown" }> = true;
    // @ts-expect-error a field the probe no longer sends
    const removed: Describes<Doc, Omit<Answer, "warnings">> = true;
    void [verdict, removed];
  });
});

describe("SameType (the other schema ↔ core links) compares fields at every depth", () => {
  it("holds for the lint finding, and fails on a nested field added to one side", () => {
    expectTypeOf<SameType<LintFindingDto, LintFinding>>().toEqualTypeOf<true>();
    // @ts-expect-error an optional field inside `fix`, which comparing the top-level keys missed
    const nested: SameType<LintFindingDto, LintFinding & { fix?: { preview?: string } }> = true;
    void nested;
  });
});
