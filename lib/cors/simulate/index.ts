// The browser simulator: what a browser (today's Chromium, following the
// Fetch Standard where Chromium does) decides about a cross-origin fetch(),
// given the responses the server gave. Pure TypeScript; runs in browsers too.

export { simulate } from "./simulate";
export { explainEngineDifference, simulateEngines, simulateSequence, type EngineDifference, type EngineOutcome, type SequenceStep } from "./sequence";
export {
  DEFAULT_ENGINE,
  ENGINE_DEPARTURES,
  ENGINE_PROFILES,
  ENGINES,
  engineDeparture,
  engineProfile,
  isEngine,
  type Engine,
  type EngineDeparture,
  type EngineProfile,
  type EngineRule,
} from "./engines";
export { EMPTY_PREFLIGHT_CACHE, type PreflightCacheEntry, type PreflightCacheState } from "./preflight-cache";
export { buildPreflightRequestHeaders, planPreflight, type PreflightHeaderOptions } from "./preflight-request";
export { isCorsSafelistedMethod, isForbiddenMethod, normalizeMethod } from "./method";
export { safelistRequestHeader, SAFELISTED_TOTAL_MAX, SAFELISTED_VALUE_MAX } from "./safelist";
export { splitHeaderValue } from "./header-list";
export { checkHeaderValue, type HeaderValueCheck } from "./header-value";
export { CHROMIUM_MAX_AGE_CAP_SECONDS, DEFAULT_MAX_AGE_SECONDS } from "./max-age";
export { SPEC as FETCH_SPEC } from "./spec-links";
export type {
  AddressSpace,
  CredentialsMode,
  FailureRule,
  NextRequest,
  ObservedHop,
  ObservedResponse,
  ObservedResponses,
  PreflightPlan,
  PreflightRequest,
  RawHeaders,
  SimulateOptions,
  SimulateRequest,
  SimulationFailure,
  SimulationResult,
  SimulationStep,
  Stage,
  StepOutcome,
  Verdict,
} from "./types";
