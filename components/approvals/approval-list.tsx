"use client";
import Link from "next/link";
import { useId, useState } from "react";
import type { ChangeRequest } from "@/lib/api/schemas/editing";
import type { Me } from "@/lib/api/schemas/user";
import { ApiError } from "@/lib/queries/api-fetch";
import {
  useApproveChangeRequest,
  useChangeRequests,
  useRejectChangeRequest,
  useWithdrawChangeRequest,
  type ChangeRequestStatus,
} from "@/lib/queries/change-requests";
import { useMe } from "@/lib/queries/users";
import { environmentHref } from "@/components/editor/environment-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { PolicyDiffView } from "@/components/editor/policy-diff";
import { PublishCheckImpact, useCheckImpact } from "@/components/saved-checks/publish-check-impact";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";

const STATUSES: { value: ChangeRequestStatus; label: string }[] = [
  { value: "open", label: "Waiting for approval" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "withdrawn", label: "Withdrawn" },
];

const STATUS_BADGE = {
  open: { tone: "amber", label: "waiting for approval" },
  approved: { tone: "green", label: "approved" },
  rejected: { tone: "red", label: "rejected" },
  withdrawn: { tone: "neutral", label: "withdrawn" },
} as const;

/** Whether the signed-in user wrote this change request (authors are named by email in the audit trail). */
export function isAuthor(changeRequest: ChangeRequest, me: Me | undefined): boolean {
  if (!me) return false;
  const author = changeRequest.author.toLowerCase();
  return [me.id, me.email, me.name, me.kind === "token" ? `token:${me.name}` : null].some((v) => v && v.toLowerCase() === author);
}

/** Open change requests with their diff, author and message; approve, reject with a comment, or withdraw your own. */
export function ApprovalList() {
  const id = useId();
  const [status, setStatus] = useState<ChangeRequestStatus>("open");
  const list = useChangeRequests({ status });
  const me = useMe();
  // Kept here, not in the cards: a card leaves the list optimistically while its request is in flight.
  const [done, setDone] = useState<{ tone: "success" | "info"; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const canReview = me.data?.role === "editor" || me.data?.role === "admin";

  let body;
  if (list.isPending) body = <Loading label="Loading change requests…" />;
  else if (list.error) body = <ErrorState error={list.error} retry={() => void list.refetch()} />;
  else if (list.data.changeRequests.length === 0) {
    body =
      status === "open" ? (
        <EmptyState title="Nothing waiting for approval">Publishing to a protected environment creates a change request; it shows up here for a second person.</EmptyState>
      ) : (
        <EmptyState title={`No ${STATUSES.find((s) => s.value === status)!.label.toLowerCase()} change requests`} />
      );
  } else {
    body = (
      <ul className="flex flex-col gap-4" aria-label="Change requests">
        {list.data.changeRequests.map((cr) => (
          <ChangeRequestCard
            key={cr.id}
            changeRequest={cr}
            me={me.data}
            canReview={canReview}
            error={errors[cr.id] ?? null}
            onProgress={(text) => {
              setErrors(({ [cr.id]: _, ...rest }) => rest);
              setDone(text ? { tone: "info", text } : null);
            }}
            onDone={(text) => setDone({ tone: "success", text })}
            onError={(text) => {
              setDone(null);
              setErrors((e) => ({ ...e, [cr.id]: text }));
            }}
          />
        ))}
      </ul>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-status`} className="text-sm font-medium text-slate-800">
            Show
          </label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as ChangeRequestStatus);
              setDone(null);
            }}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {done ? <Alert tone={done.tone}>{done.text}</Alert> : null}
      {body}
    </div>
  );
}

function ChangeRequestCard({
  changeRequest: cr,
  me,
  canReview,
  error,
  onProgress,
  onDone,
  onError,
}: {
  changeRequest: ChangeRequest;
  me: Me | undefined;
  canReview: boolean;
  error: string | null;
  onProgress: (message: string | null) => void;
  onDone: (message: string) => void;
  onError: (message: string) => void;
}) {
  const id = useId();
  const approve = useApproveChangeRequest();
  const reject = useRejectChangeRequest();
  const withdraw = useWithdrawChangeRequest();
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const mine = isAuthor(cr, me);
  // Approving makes the request's content live: warn about the saved checks it would break, like a publish.
  const checkImpact = useCheckImpact(cr.project, cr.environment, { kind: "change-request", id: cr.id }, cr.status === "open" && canReview && !mine);
  const busy = approve.isPending || reject.isPending || withdraw.isPending;
  const where = `${cr.project} / ${cr.environment}`;

  function explain(e: unknown): string {
    if (!(e instanceof ApiError)) return "The server could not be reached. Try again.";
    if (e.problem.code === "own_change_request") return "You can't approve your own change: a second person must review it.";
    if (e.problem.code === "base_moved")
      return `${where} was published again since this request was made, so approving it would silently undo that. Ask the author to publish again from the current draft.`;
    return e.message;
  }

  // mutateAsync, not mutate: the card unmounts at once (optimistic) and the outcome must still be reported.
  function onApprove() {
    if (checkImpact.mustConfirm) return;
    onProgress(`Approving the change to ${where}…`);
    approve
      .mutateAsync({ id: cr.id, ...(comment.trim() ? { comment: comment.trim() } : {}) })
      .then((data) => onDone(`Approved: ${where} is now live at v${data.version?.number ?? data.changeRequest.version ?? "?"}.`))
      .catch((e: unknown) => onError(explain(e)));
  }
  function onReject() {
    if (!comment.trim()) {
      setCommentError("Say what needs to change before rejecting.");
      return;
    }
    setCommentError(null);
    onProgress(`Rejecting the change to ${where}…`);
    reject
      .mutateAsync({ id: cr.id, comment: comment.trim() })
      .then(() => onDone(`Rejected the change to ${where}. The author sees your comment.`))
      .catch((e: unknown) => onError(explain(e)));
  }
  function onWithdraw() {
    onProgress(`Withdrawing your change to ${where}…`);
    withdraw
      .mutateAsync({ id: cr.id })
      .then(() => onDone(`Withdrew your change to ${where}.`))
      .catch((e: unknown) => onError(explain(e)));
  }

  const badge = STATUS_BADGE[cr.status];
  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby={`${id}-title`} data-testid="change-request">
      <div className="flex flex-col gap-1 border-b border-slate-200 p-4">
        <h2 id={`${id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
          <Link href={environmentHref(cr.project, cr.environment)} className="break-all hover:underline">
            {where}
          </Link>
          <Badge tone={badge.tone}>{badge.label}</Badge>
        </h2>
        <p className="break-words text-sm text-slate-900">“{cr.message}”</p>
        <p className="text-sm text-slate-600">
          by {cr.author}
          {mine ? " (you)" : ""} · <RelativeTime iso={cr.createdAt} />
          {cr.baseVersion !== null ? ` · based on live v${cr.baseVersion}` : " · nothing live yet"}
          {cr.rollbackOf !== null ? ` · rollback to v${cr.rollbackOf}` : ""}
        </p>
        {cr.status !== "open" && cr.reviewer ? (
          <p className="text-sm text-slate-700">
            {cr.status === "approved" ? "Approved" : cr.status === "rejected" ? "Rejected" : "Closed"} by {cr.reviewer}
            {cr.reviewedAt ? <> <RelativeTime iso={cr.reviewedAt} /></> : ""}
            {cr.version !== null ? ` → v${cr.version}` : ""}
            {cr.reviewComment ? `: “${cr.reviewComment}”` : ""}
          </p>
        ) : null}
      </div>
      <div className="p-4">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">{cr.baseVersion !== null ? `Changes against live v${cr.baseVersion}` : "Changes (nothing is live yet)"}</h3>
        <PolicyDiffView diff={cr.diff} emptyText="No change in content." />
      </div>
      {cr.status === "open" ? (
        <div className="flex flex-col gap-3 border-t border-slate-200 p-4">
          {mine ? (
            <>
              <Alert tone="info">You can&apos;t approve your own change: a second person must review it.</Alert>
              <div>
                <Button type="button" variant="secondary" onClick={onWithdraw} busy={withdraw.isPending}>
                  Withdraw
                </Button>
              </div>
            </>
          ) : canReview ? (
            <>
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-comment`} className="text-sm font-medium text-slate-800">
                  Comment <span className="font-normal text-slate-600">(optional to approve, needed to reject)</span>
                </label>
                <textarea
                  id={`${id}-comment`}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  rows={2}
                  maxLength={1000}
                  aria-invalid={commentError ? true : undefined}
                  aria-describedby={commentError ? `${id}-comment-error` : undefined}
                  className={`w-full min-w-0 rounded-md border px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500 ${commentError ? "border-red-500" : "border-slate-300"}`}
                />
                {commentError ? (
                  <p id={`${id}-comment-error`} role="alert" className="text-xs text-red-700">
                    {commentError}
                  </p>
                ) : null}
              </div>
              <PublishCheckImpact impact={checkImpact} action="approve" />
              <div className="flex flex-wrap gap-2">
                <Button type="button" onClick={onApprove} busy={approve.isPending} disabled={busy || checkImpact.mustConfirm}>
                  Approve and publish
                </Button>
                <Button type="button" variant="danger" onClick={onReject} busy={reject.isPending} disabled={busy}>
                  Reject
                </Button>
              </div>
            </>
          ) : (
            <p className="text-sm text-slate-600">Reviewing needs the editor role.</p>
          )}
          {error ? <Alert tone="error">{error}</Alert> : null}
        </div>
      ) : null}
    </li>
  );
}
