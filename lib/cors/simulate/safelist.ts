// CORS-safelisted request headers, and the names a preflight must ask for.
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names

import { isChromiumOnlySafelisted } from "./chromium-safelist";
import { engineProfile, type EngineProfile } from "./engines";
import { byteLowercase } from "./http-bytes";
import type { HeaderList } from "./header-list";
import { mimeEssence } from "./mime-type";
import { isSafelistedRange } from "./range";

/** A safelisted header's value may be at most this many bytes. */
export const SAFELISTED_VALUE_MAX = 128;
/** The safelisted headers' values together may be at most this many bytes. */
export const SAFELISTED_TOTAL_MAX = 1024;

const SAFELISTED_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
export function isCorsUnsafeRequestHeaderByte(c: string): boolean {
  const b = c.charCodeAt(0);
  return (b < 0x20 && b !== 0x09) || '"():<>?@[\\]{}'.includes(c) || b === 0x7f;
}

function firstUnsafeByte(value: string): string | undefined {
  return [...value].find(isCorsUnsafeRequestHeaderByte);
}

function isLanguageByte(c: string): boolean {
  return /^[0-9A-Za-z *,\-.;=]$/.test(c);
}

export interface SafelistVerdict {
  /** What Chromium decides (and so what the simulator uses). */
  readonly safelisted: boolean;
  /** What the Fetch Standard decides, when it differs from Chromium. */
  readonly specSafelisted: boolean;
  /** Why it is not safelisted, or why Chromium and the standard differ. */
  readonly reason?: string;
}

function verdict(safelisted: boolean, reason?: string): SafelistVerdict {
  return reason === undefined ? { safelisted, specSafelisted: safelisted } : { safelisted, specSafelisted: safelisted, reason };
}

/**
 * https://fetch.spec.whatwg.org/#cors-safelisted-request-header for one header
 * (its value already normalized), plus what Chromium safelists on top of it.
 */
export function safelistRequestHeader(name: string, value: string, profile: EngineProfile = engineProfile()): SafelistVerdict {
  const lower = byteLowercase(name);
  // 1. If value's length is greater than 128, then return false.
  if (value.length > SAFELISTED_VALUE_MAX) {
    return verdict(false, `its value is ${value.length} bytes long (more than ${SAFELISTED_VALUE_MAX})`);
  }
  switch (lower) {
    case "accept": {
      const bad = firstUnsafeByte(value);
      return bad === undefined ? verdict(true) : verdict(false, `its value contains the CORS-unsafe byte ${JSON.stringify(bad)}`);
    }
    case "accept-language":
    case "content-language": {
      const bad = [...value].find((c) => !isLanguageByte(c));
      return bad === undefined
        ? verdict(true)
        : verdict(false, `its value contains ${JSON.stringify(bad)}, which is not one of 0-9 A-Z a-z space * , - . ; =`);
    }
    case "content-type":
      return safelistContentType(value);
    case "range":
      return isSafelistedRange(value)
        ? verdict(true)
        : verdict(false, "its value is not a simple range (`bytes=<start>-` or `bytes=<start>-<end>`)");
    default:
      if (profile.safelistsClientHints && isChromiumOnlySafelisted(lower, value)) {
        return {
          safelisted: true,
          specSafelisted: false,
          reason: `Chromium treats ${name} as CORS-safelisted (a client hint) and sends no preflight for it; the Fetch Standard does not safelist it, so browsers that follow it send a preflight`,
        };
      }
      return verdict(false, "it is not a CORS-safelisted request header");
  }
}

function safelistContentType(value: string): SafelistVerdict {
  const bad = firstUnsafeByte(value);
  if (bad !== undefined) return verdict(false, `its value contains the CORS-unsafe byte ${JSON.stringify(bad)}`);
  const essence = mimeEssence(value);
  if (essence === null) return verdict(false, "its value is not a valid MIME type");
  return SAFELISTED_CONTENT_TYPES.has(essence)
    ? verdict(true)
    : verdict(false, `its MIME type ${essence} is not application/x-www-form-urlencoded, multipart/form-data or text/plain`);
}

export interface UnsafeHeaderNames {
  /** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names as Chromium computes it: sorted, lowercase, unique. */
  readonly names: readonly string[];
  /** The same per the Fetch Standard, when it differs. */
  readonly specNames: readonly string[];
  /** Why each header is unsafe (or differs), keyed by lowercase name. */
  readonly reasons: Readonly<Record<string, string>>;
  /** Total bytes of the safelisted values (the 1024-byte rule). */
  readonly safelistedValueBytes: number;
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names — the names
 * of headers that are not safelisted; and when the safelisted values together
 * exceed 1024 bytes, the safelisted names too.
 */
export function corsUnsafeRequestHeaderNames(list: HeaderList, profile: EngineProfile = engineProfile()): UnsafeHeaderNames {
  const unsafe: string[] = [];
  const potentiallyUnsafe: string[] = [];
  const specUnsafe: string[] = [];
  const specPotentiallyUnsafe: string[] = [];
  const reasons: Record<string, string> = {};
  let size = 0;
  let specSize = 0;
  for (const { name, value } of list) {
    const lower = byteLowercase(name);
    const v = safelistRequestHeader(name, value, profile);
    if (v.reason !== undefined) reasons[lower] = v.reason;
    if (v.safelisted) {
      potentiallyUnsafe.push(lower);
      size += value.length;
    } else {
      unsafe.push(lower);
    }
    if (v.specSafelisted) {
      specPotentiallyUnsafe.push(lower);
      specSize += value.length;
    } else {
      specUnsafe.push(lower);
    }
  }
  if (size > SAFELISTED_TOTAL_MAX) {
    for (const name of potentiallyUnsafe) {
      unsafe.push(name);
      reasons[name] ??= `the safelisted headers' values add up to ${size} bytes (more than ${SAFELISTED_TOTAL_MAX})`;
    }
  }
  if (specSize > SAFELISTED_TOTAL_MAX) specUnsafe.push(...specPotentiallyUnsafe);
  return { names: sortedLowercaseSet(unsafe), specNames: sortedLowercaseSet(specUnsafe), reasons, safelistedValueBytes: size };
}

/** https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set */
export function sortedLowercaseSet(names: readonly string[]): string[] {
  return [...new Set(names.map(byteLowercase))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
