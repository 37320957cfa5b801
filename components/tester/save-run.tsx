"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/queries/api-fetch";
import { useSaveProbeRecord } from "@/lib/queries/tester";
import type { TesterRun } from "./tester-run";

/** "Save & copy link": stores the run and hands out /tester/results/{id}. */
export function SaveRun({ run }: { run: TesterRun }) {
  const save = useSaveProbeRecord();
  const [title, setTitle] = useState("");
  const [saved, setSaved] = useState<{ url: string; copied: boolean } | null>(null);
  const [error, setError] = useState<{ form?: string; title?: string }>({});

  async function onSave() {
    if (!run.browser) return;
    setError({});
    try {
      const created = await save.mutateAsync({
        mode: run.mode,
        ...(title.trim() ? { title: title.trim() } : {}),
        request: run.request,
        // The probe's signature proves the result is what Corsboard saw; without one (never for a live run) only the browser's part is kept.
        ...(run.probe.status === "done" && run.probe.signature ? { result: run.probe.result, signature: run.probe.signature } : { result: null }),
        browser: run.browser,
      });
      const absolute = `${window.location.origin}${created.url}`;
      let copied = false;
      try {
        await navigator.clipboard.writeText(absolute);
        copied = true;
      } catch {
        // Clipboard access needs a secure context and permission; the link is shown either way.
      }
      setSaved({ url: created.url, copied });
    } catch (e) {
      if (e instanceof ApiError) setError({ form: e.message, title: e.fieldError("body.title") });
      else setError({ form: "The result could not be saved." });
    }
  }

  return (
    <Card title="Save and share">
      <div className="flex min-w-0 flex-col gap-3">
        {error.form ? <Alert tone="error">{error.form}</Alert> : null}
        {saved ? (
          <Alert tone="success">
            <span data-testid="saved-link">
              Saved{saved.copied ? " and link copied" : ""}:{" "}
              <Link href={saved.url} className="break-all font-medium underline">
                {typeof window === "undefined" ? saved.url : `${window.location.origin}${saved.url}`}
              </Link>
            </span>
          </Alert>
        ) : null}
        <div className="flex min-w-0 flex-wrap items-end gap-3">
          <TextField label="Title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder="orders PUT from the new domain" className="min-w-0 flex-1 basis-64" error={error.title} />
          <Button type="button" onClick={onSave} busy={save.isPending}>
            Save &amp; copy link
          </Button>
        </div>
      </div>
    </Card>
  );
}
