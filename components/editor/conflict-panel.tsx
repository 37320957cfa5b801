"use client";
import { useEffect, useRef } from "react";
import type { Draft } from "@/lib/api/schemas/editing";
import type { PolicyContent } from "@/lib/api/schemas/policy";
import { diffContents } from "@/components/editor/draft-model";
import { formatTime } from "@/components/editor/format";
import { PolicyDiffView } from "@/components/editor/policy-diff";
import { Button } from "@/components/ui/button";

export interface Conflict {
  /** The draft the user started from. */
  base: Draft;
  /** The user's content when the save was refused. */
  mine: PolicyContent;
  /** The draft someone else saved in between (from the 409 body). */
  current: Draft;
}

/**
 * After a 409 `stale_revision`: what the other person changed, what you
 * changed, and a way to re-apply yours on top of theirs (or drop yours).
 */
export function ConflictPanel({ conflict, onReapply, onDiscard }: { conflict: Conflict; onReapply: () => void; onDiscard: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const theirs = diffContents(conflict.base.content, conflict.current.content);
  const mine = diffContents(conflict.base.content, conflict.mine);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="conflict-title"
      className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
    >
      <h2 id="conflict-title" className="text-base font-semibold">
        Not saved: this draft changed since you loaded it
      </h2>
      <p className="mt-1 text-sm">
        {conflict.current.updatedBy ?? "Someone"} saved it at {formatTime(conflict.current.updatedAt)} (revision {conflict.base.revision} → {conflict.current.revision}).
        Your edits are still here. Re-apply them on top of the current draft, review, and save again.
      </p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <div className="min-w-0 rounded-md bg-white p-3 ring-1 ring-amber-200">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Their changes</h3>
          <PolicyDiffView diff={theirs} emptyText="No change to the content (only saved again)." />
        </div>
        <div className="min-w-0 rounded-md bg-white p-3 ring-1 ring-amber-200">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Your changes</h3>
          <PolicyDiffView diff={mine} />
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" onClick={onReapply}>
          Re-apply my changes on top
        </Button>
        <Button type="button" variant="secondary" onClick={onDiscard}>
          Discard mine, load the current draft
        </Button>
      </div>
    </section>
  );
}
