"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TesterRequest } from "@/lib/api/schemas/probe-record";
import { curlSnippet, fetchSnippet } from "./request-snippets";

type Kind = "curl" | "fetch";

/**
 * "Copy as curl" and "Copy as fetch()": the request as text to run elsewhere.
 * `build` returns the request (or null when the form has errors to fix
 * first); `appOrigin` is the origin being probed as, when there is one.
 */
export function CopyRequest({ build, appOrigin }: { build: () => TesterRequest | null; appOrigin?: string }) {
  const [shown, setShown] = useState<{ kind: Kind; text: string; copied: boolean } | null>(null);

  async function copy(kind: Kind) {
    const request = build();
    if (!request) {
      setShown(null);
      return;
    }
    const text = kind === "curl" ? curlSnippet(request) : fetchSnippet(request, appOrigin);
    let copied = false;
    try {
      // Only in a secure context (https or localhost); elsewhere the box below is there to copy from.
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    setShown({ kind, text, copied });
  }

  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => void copy("curl")}>
          Copy as curl
        </Button>
        <Button type="button" variant="secondary" onClick={() => void copy("fetch")}>
          Copy as fetch()
        </Button>
      </div>
      {shown ? (
        <div className="flex min-w-0 flex-col gap-1" data-testid="request-snippet" data-kind={shown.kind}>
          <p className="text-xs text-slate-700" role="status">
            {shown.copied ? "Copied to the clipboard. " : "The clipboard isn't available here: copy it from the box. "}
            {shown.kind === "curl"
              ? "curl enforces no CORS: read the Access-Control-* headers in what it prints."
              : `Open ${appOrigin ?? "your app"} in a tab, open DevTools (F12) › Console, paste and press Enter: the request then really comes from that origin, with the browser's own checks.`}
          </p>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-800" aria-label={shown.kind === "curl" ? "The request as curl" : "The request as fetch()"}>
            {shown.text}
          </pre>
        </div>
      ) : null}
    </div>
  );
}
