import { createHash, randomBytes } from "node:crypto";

/** Secrets look like `cb_<43 base64url chars>`; only their sha256 is stored. */
export function generateTokenSecret(): string {
  return `cb_${randomBytes(32).toString("base64url")}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What lists show to recognise a token without revealing it. */
export function tokenPrefix(secret: string): string {
  return secret.slice(0, 10);
}
