"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/states";
import { useIssuePasswordReset } from "@/lib/queries/account";

/** An admin issues a one-time reset link for a user and passes it on (there is no email server). */
export function ResetLinkButton({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const issue = useIssuePasswordReset();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const link = issue.data ? new URL(issue.data.path, window.location.origin).toString() : null;

  return (
    <>
      <button
        type="button"
        disabled={disabled}
        title={disabled ? "Enable the account first" : undefined}
        onClick={() => {
          setCopied(false);
          setOpen(true);
          issue.mutate(userId);
        }}
        className="rounded-md px-2 py-1 text-sm font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400"
      >
        Reset link<span className="sr-only"> for {email}</span>
      </button>
      {open ? (
        <Dialog open title={`Reset link for ${email}`} onClose={() => setOpen(false)}>
          {issue.isPending ? <p className="text-left text-sm text-slate-700">Creating the link…</p> : null}
          {issue.error ? <Alert tone="error">{issue.error.message}</Alert> : null}
          {link && issue.data ? (
            <div className="flex flex-col gap-3 text-left text-sm text-slate-700">
              <p>
                Send this link to {email} privately. It works once, until {new Date(issue.data.expiresAt).toLocaleString()}; it is shown only now, and a newer link
                replaces it. Setting a password with it signs {email} out everywhere.
              </p>
              <label className="flex flex-col gap-1">
                <span className="font-medium text-slate-800">Link</span>
                <input readOnly value={link} aria-label="Reset link" onFocus={(e) => e.currentTarget.select()} className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
              </label>
              <div className="flex gap-2">
                <Button
                  onClick={() => {
                    void navigator.clipboard?.writeText(link).then(() => setCopied(true));
                  }}
                >
                  {copied ? "Copied" : "Copy link"}
                </Button>
                <Button variant="secondary" onClick={() => setOpen(false)}>
                  Done
                </Button>
              </div>
            </div>
          ) : null}
        </Dialog>
      ) : null}
    </>
  );
}
