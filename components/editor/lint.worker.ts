// Lints the working copy off the main thread (big allowlists take 100 ms and
// more), so typing never waits for it. Same core, same answers as in the page.
import { lintPolicy, type LintEnvironment, type LintFinding, type PolicyInput } from "@/lib/cors";

export interface LintRequest {
  id: number;
  policy: PolicyInput;
  environment: LintEnvironment;
  now: number;
}
export interface LintResponse {
  id: number;
  findings: LintFinding[];
}

// The project compiles with the DOM library, not "webworker": this is the
// worker's global scope, typed for the two members it uses.
const scope = self as unknown as { onmessage: ((event: MessageEvent<LintRequest>) => void) | null; postMessage: (message: LintResponse) => void };

scope.onmessage = (event) => {
  const { id, policy, environment, now } = event.data;
  scope.postMessage({ id, findings: lintPolicy(policy, environment, { now }) });
};
