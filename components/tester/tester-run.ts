import type { ProbeResultDoc } from "@/lib/api/schemas/probe";
import type { BrowserOutcome, TesterRequest } from "@/lib/api/schemas/probe-record";
import type { TesterMode } from "./tester-form";

/** What the server probe gave for a run: a result, still running, or a refusal (SSRF guard 422, rate limit 429…). */
export type ProbeState =
  | { readonly status: "pending" }
  /** signature: what POST /api/v1/probe signed the result with (live runs only; saving needs it). */
  | { readonly status: "done"; readonly result: ProbeResultDoc; readonly signature?: string }
  | { readonly status: "refused"; readonly httpStatus: number; readonly code: string; readonly message: string };

/** One run of the tester, live or loaded from a saved record. */
export interface TesterRun {
  readonly mode: TesterMode;
  readonly request: TesterRequest;
  /** "not-run" in the server mode; null while the browser request is in flight. */
  readonly browser: BrowserOutcome | null;
  readonly probe: ProbeState;
}
