// Predictions: what a browser will decide once a policy is live.
export { predictBrowserVerdict, type PredictedVerdict, type PredictOptions } from "./predict-browser-verdict";
export { checkImpact, type CheckExpectation, type CheckImpact } from "./check-impact";
export { policyRejection, type PolicyReason } from "./policy-reason";
