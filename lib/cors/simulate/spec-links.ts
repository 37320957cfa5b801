// Anchors of the Fetch Standard (https://fetch.spec.whatwg.org/) that the
// simulator's steps cite.

const FETCH = "https://fetch.spec.whatwg.org/";

export const SPEC = {
  methodNormalize: `${FETCH}#concept-method-normalize`,
  method: `${FETCH}#concept-method`,
  forbiddenMethod: `${FETCH}#forbidden-method`,
  headerValidate: `${FETCH}#headers-validate`,
  forbiddenRequestHeader: `${FETCH}#forbidden-request-header`,
  safelistedMethod: `${FETCH}#cors-safelisted-method`,
  safelistedRequestHeader: `${FETCH}#cors-safelisted-request-header`,
  unsafeRequestHeaderNames: `${FETCH}#cors-unsafe-request-header-names`,
  nonWildcardRequestHeaderName: `${FETCH}#cors-non-wildcard-request-header-name`,
  simpleRangeHeaderValue: `${FETCH}#simple-range-header-value`,
  mainFetch: `${FETCH}#main-fetch`,
  portBlocking: `${FETCH}#port-blocking`,
  httpFetch: `${FETCH}#http-fetch`,
  preflightFetch: `${FETCH}#cors-preflight-fetch`,
  preflightCache: `${FETCH}#cors-preflight-cache`,
  corsCheck: `${FETCH}#cors-check`,
  okStatus: `${FETCH}#ok-status`,
  allowOrigin: `${FETCH}#http-access-control-allow-origin`,
  allowCredentials: `${FETCH}#http-access-control-allow-credentials`,
  allowMethods: `${FETCH}#http-access-control-allow-methods`,
  allowHeaders: `${FETCH}#http-access-control-allow-headers`,
  maxAge: `${FETCH}#http-access-control-max-age`,
  corsProtocolAndCredentials: `${FETCH}#cors-protocol-and-credentials`,
  httpRedirectFetch: `${FETCH}#http-redirect-fetch`,
  locationUrl: `${FETCH}#concept-response-location-url`,
  serializingRequestOrigin: `${FETCH}#serializing-a-request-origin`,
  getDecodeSplit: `${FETCH}#concept-header-list-get-decode-split`,
  extractHeaderListValues: `${FETCH}#extract-header-list-values`,
  localNetworkAccess: "https://wicg.github.io/local-network-access/",
} as const;
