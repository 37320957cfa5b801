// One pull: the environment's latest version as the JSON document, validated
// by the SDK's own checks (shape, project/environment, contentHash, the core
// compiles it), then the requested rendering of that same version. Nothing
// here writes a file: a snapshot that fails any check never reaches disk.

import { BodyTooLargeError, readBoundedText } from "@/lib/sdk/bounded-read";
import { checkDocument } from "@/lib/sdk/document";

export type PullFormat = "nginx" | "env" | "origins" | "json";
export const PULL_FORMATS: readonly PullFormat[] = ["nginx", "env", "origins", "json"];

export interface PullTarget {
  server: string;
  token: string;
  project: string;
  environment: string;
  format: PullFormat;
  maxBytes: number;
  timeoutMs: number;
}

export type Snapshot =
  | { kind: "ok"; version: number; body: string }
  /** The server answered 304 to our ETag: the bytes we last took are still current. */
  | { kind: "unchanged" }
  /** 401/403/404 (not nothing_published): the command line is wrong, retrying won't help. */
  | { kind: "denied"; status: number; detail: string }
  /** Down, 5xx, nothing published, too big, invalid: keep the file, try again later. */
  | { kind: "unavailable"; reason: string };

export class SnapshotFetcher {
  private etag: string | null = null;

  constructor(private readonly target: PullTarget) {}

  /** Forget the ETag, so the next fetch answers in full (after a write failed). */
  forgetEtag(): void {
    this.etag = null;
  }

  private url(format: PullFormat): string {
    const t = this.target;
    return `${t.server}/api/v1/config/${encodeURIComponent(t.project)}/${encodeURIComponent(t.environment)}?format=${format}`;
  }

  private async get(format: PullFormat, etag: string | null): Promise<{ res: Response; body: string } | Snapshot> {
    let res: Response;
    try {
      res = await fetch(this.url(format), {
        headers: { authorization: `Bearer ${this.target.token}`, "user-agent": "corsboard-cli", ...(etag ? { "if-none-match": etag } : {}) },
        signal: AbortSignal.timeout(this.target.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { kind: "unavailable", reason: `could not reach ${this.target.server}: ${(error as Error).name === "TimeoutError" ? "timed out" : (cause ?? (error as Error).message)}` };
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => {});
      return { kind: "unchanged" };
    }
    const body = await readLimited(res, this.target.maxBytes);
    if (body === null) return { kind: "unavailable", reason: `the answer is larger than ${this.target.maxBytes} bytes (--max-bytes): refused` };
    if (res.status === 200) return { res, body };
    let problem: { code?: string; detail?: string } = {};
    try {
      problem = JSON.parse(body) as typeof problem;
    } catch {
      // not a problem document
    }
    const detail = [problem.code, problem.detail].filter(Boolean).join(": ");
    if (res.status === 404 && problem.code === "nothing_published") return { kind: "unavailable", reason: `nothing is published yet for ${this.target.project}/${this.target.environment}` };
    if (res.status === 401 || res.status === 403 || res.status === 404) return { kind: "denied", status: res.status, detail: problem.detail ?? "" };
    return { kind: "unavailable", reason: `the server answered ${res.status}${detail ? ` (${detail})` : ""}` };
  }

  /** The latest version in the requested format, or why not. */
  async fetch(): Promise<Snapshot> {
    const json = await this.get("json", this.etag);
    if ("kind" in json) return json;
    let document: unknown;
    try {
      document = JSON.parse(json.body);
    } catch {
      return { kind: "unavailable", reason: "the server's answer is not JSON: refused" };
    }
    const check = checkDocument(document, this.target);
    if (!check.ok) return { kind: "unavailable", reason: `refused the policy from the server: ${check.reason}` };
    const version = check.document.version;
    let body = json.body;
    if (this.target.format !== "json") {
      const rendered = await this.get(this.target.format, null);
      if ("kind" in rendered) return rendered.kind === "unchanged" ? { kind: "unavailable", reason: "unexpected 304" } : rendered;
      // The rendering must be of the version just validated: a publish in between
      // could be one the checks would refuse. The next change notice retries.
      const renderedVersion = Number(rendered.res.headers.get("x-corsboard-version"));
      if (renderedVersion !== version) return { kind: "unavailable", reason: `version ${renderedVersion || "?"} was published while version ${version} was being checked; will pull it next` };
      body = rendered.body;
    }
    // An empty file would be read by nginx/a shell as "no origins" or worse: never write one.
    if (body.trim() === "") return { kind: "unavailable", reason: `the server's ${this.target.format} rendering of version ${version} is empty: refused` };
    this.etag = json.res.headers.get("etag");
    return { kind: "ok", version, body };
  }
}

/** The body as text, or null as soon as it exceeds maxBytes (the SDK's bounded reader: the rest is not read). */
async function readLimited(res: Response, maxBytes: number): Promise<string | null> {
  try {
    return await readBoundedText(res, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return null;
    throw error;
  }
}
