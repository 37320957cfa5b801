import { createHmac, timingSafeEqual } from "node:crypto";
import { probeRequestSchema, probeResultSchema, type ProbeRequest, type ProbeResultDoc } from "@/lib/api/schemas/probe";
import { resolveAuthSecret } from "@/lib/server/auth/auth-secret";
import { canonicalJson } from "@/lib/cors/canonical-json";

/**
 * Proof that a probe result is what Corsboard's probe saw. POST /api/v1/probe
 * answers its result with an HMAC-SHA256 over the canonical JSON of the
 * request and the result; a saved result (POST /api/v1/probe-records) is only
 * kept when that signature verifies, so a shared link can't show a verdict
 * someone typed in. The key is derived from the app's stored secret (the
 * session-signing secret) with a purpose label, so this signature can never
 * be mistaken for, or replayed as, a session token.
 */
const PURPOSE = "probe-result";

let key: Promise<Buffer> | undefined;

function signingKey(): Promise<Buffer> {
  key ??= resolveAuthSecret()
    .then((secret) => createHmac("sha256", secret).update(PURPOSE).digest())
    .catch((error: unknown) => {
      key = undefined;
      throw error;
    });
  return key;
}

/**
 * What is signed: the request and the result as their schemas read them
 * (defaults applied, unknown keys dropped), so what the client sends back when
 * saving — parsed by the same schemas — gives the same text (RFC 8785 canonical
 * JSON: key order does not matter).
 */
function signedText(request: ProbeRequest, result: unknown): string {
  const fields = { url: request.url, origin: request.origin, method: request.method, headers: request.headers, credentials: request.credentials, sendActual: request.sendActual };
  const req = probeRequestSchema.safeParse(fields);
  const res = probeResultSchema.safeParse(result);
  // A result the schema can't read is signed as it is: saving re-parses it and refuses it anyway.
  return canonicalJson({ v: 1, request: req.success ? req.data : fields, result: res.success ? res.data : result });
}

export async function signProbeResult(request: ProbeRequest, result: unknown): Promise<string> {
  return createHmac("sha256", await signingKey()).update(signedText(request, result)).digest("base64url");
}

/** Whether the signature is the one signProbeResult gave for this request and result (constant-time compare). */
export async function verifyProbeSignature(request: ProbeRequest, result: ProbeResultDoc, signature: string | undefined): Promise<boolean> {
  if (!signature) return false;
  let expected: Buffer;
  let given: Buffer;
  try {
    expected = Buffer.from(await signProbeResult(request, result), "base64url");
    given = Buffer.from(signature, "base64url");
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}
