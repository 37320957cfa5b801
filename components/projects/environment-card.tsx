"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { EnvironmentDetail } from "@/lib/api/schemas/project";
import { updateEnvironmentRequestSchema } from "@/lib/api/schemas/editing";
import { ApiError } from "@/lib/queries/api-fetch";
import { useUpdateEnvironment } from "@/lib/queries/projects";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Alert } from "@/components/ui/states";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { errorsByField, linesOf, listErrors } from "@/components/projects/form-errors";
import { BreakableUrl } from "@/components/ui/breakable-url";

const SHOWN_ORIGINS = 5;

export function EnvironmentCard({
  project,
  env,
  index,
  count,
  pendingApprovals,
  canEdit,
  isAdmin,
  moveIds,
  onMove,
}: {
  project: string;
  env: EnvironmentDetail;
  index: number;
  count: number;
  pendingApprovals: number;
  canEdit: boolean;
  isAdmin: boolean;
  /** DOM ids of the move buttons, so focus can follow the card after a move. */
  moveIds: { up: string; down: string };
  onMove: (direction: "up" | "down") => void;
}) {
  const [editing, setEditing] = useState(false);
  const origins = env.draft.origins;
  const editorHref = `/projects/${project}/${env.slug}`;
  const headingId = `env-${env.slug}-heading`;

  return (
    <section aria-labelledby={headingId} className="flex h-full min-w-0 flex-col rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            <span className="text-xs font-normal text-slate-600" aria-hidden>
              {index + 1}.
            </span>
            <span className="break-all">{env.name}</span>
          </h2>
          {env.slug !== env.name ? <p className="break-all font-mono text-xs text-slate-600">{env.slug}</p> : null}
        </div>
        <div className="flex flex-wrap gap-1">
          {env.protected ? <Badge tone="amber">protected</Badge> : null}
          {env.latestVersion ? <Badge tone="green">live v{env.latestVersion}</Badge> : <Badge>not published</Badge>}
          {pendingApprovals > 0 ? (
            <Link href="/approvals" className="rounded-full">
              <Badge tone="indigo">{pendingApprovals} waiting for approval</Badge>
            </Link>
          ) : null}
        </div>
      </header>

      <div className="flex flex-1 flex-col gap-3 p-4">
        {editing ? (
          <EditEnvironmentForm project={project} env={env} isAdmin={isAdmin} onDone={() => setEditing(false)} />
        ) : (
          <>
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                Draft: {origins.length} {origins.length === 1 ? "origin" : "origins"}
              </h3>
              {origins.length === 0 ? (
                <p className="mt-1 text-sm text-slate-600">Nothing is allowed cross-origin yet.</p>
              ) : (
                <ul className="mt-1 space-y-0.5">
                  {origins.slice(0, SHOWN_ORIGINS).map((o) => (
                    <li key={o.value} className="text-sm text-slate-800">
                      <BreakableUrl value={o.value} className="font-mono" />
                    </li>
                  ))}
                  {origins.length > SHOWN_ORIGINS ? <li className="text-xs text-slate-600">and {origins.length - SHOWN_ORIGINS} more</li> : null}
                </ul>
              )}
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-700">
              <dt className="text-slate-600">Credentials</dt>
              <dd>{env.draft.allowCredentials ? "allowed" : "not allowed"}</dd>
              <dt className="text-slate-600">Base URLs</dt>
              <dd className="min-w-0">
                {env.baseUrls.length === 0 ? (
                  "none (the tester asks for a URL)"
                ) : (
                  <ul>
                    {env.baseUrls.map((u) => (
                      <li key={u} className="font-mono">
                        <BreakableUrl value={u} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
          </>
        )}
      </div>

      {!editing ? (
        <footer className="flex flex-wrap items-center gap-2 border-t border-slate-200 px-4 py-3">
          <Link href={editorHref} className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            {canEdit ? "Edit origins" : "View origins"}
            <span className="sr-only"> of {env.name}</span>
          </Link>
          {canEdit ? (
            <>
              <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
                Settings<span className="sr-only"> of {env.name}</span>
              </Button>
              <span className="ml-auto flex gap-1" role="group" aria-label={`Order of ${env.name}`}>
                <Button id={moveIds.up} type="button" variant="ghost" className="min-w-10 px-2 text-base disabled:text-slate-300 disabled:hover:bg-transparent" disabled={index === 0} onClick={() => onMove("up")}>
                  <span aria-hidden>↑</span>
                  <span className="sr-only">Move {env.name} up</span>
                </Button>
                <Button id={moveIds.down} type="button" variant="ghost" className="min-w-10 px-2 text-base disabled:text-slate-300 disabled:hover:bg-transparent" disabled={index === count - 1} onClick={() => onMove("down")}>
                  <span aria-hidden>↓</span>
                  <span className="sr-only">Move {env.name} down</span>
                </Button>
              </span>
            </>
          ) : null}
        </footer>
      ) : null}
    </section>
  );
}

/** Rename, base URLs, and (admins only) protection of one environment. */
function EditEnvironmentForm({ project, env, isAdmin, onDone }: { project: string; env: EnvironmentDetail; isAdmin: boolean; onDone: () => void }) {
  const update = useUpdateEnvironment(project);
  const [name, setName] = useState(env.name);
  const [baseUrls, setBaseUrls] = useState(env.baseUrls.join("\n"));
  const [isProtected, setProtected] = useState(env.protected);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const urls = linesOf(baseUrls);
    const input = {
      ...(name.trim() !== env.name ? { name } : {}),
      ...(urls.join("\n") !== env.baseUrls.join("\n") ? { baseUrls: urls } : {}),
      ...(isAdmin && isProtected !== env.protected ? { protected: isProtected } : {}),
    };
    if (Object.keys(input).length === 0) return onDone();
    const parsed = updateEnvironmentRequestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [["body", ...i.path.map(String)].join("."), i.message])));
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      await update.mutateAsync({ environment: env.slug, ...parsed.data });
      onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = errorsByField(error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error.message);
      } else setFormError("The environment could not be saved.");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Settings of ${env.name}`} className="flex flex-col gap-3">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors["body.name"]} autoFocus />
      <TextAreaField
        label="Base URLs"
        value={baseUrls}
        onChange={(e) => setBaseUrls(e.target.value)}
        error={listErrors(errors, "body.baseUrls")}
        hint="One per line, e.g. https://api.staging.example.com. The tester sends its requests there."
        spellCheck={false}
        rows={3}
      />
      {isAdmin ? (
        <CheckboxField
          label="Protected"
          hint="Publishing needs the approval of another editor."
          checked={isProtected}
          onChange={(e) => setProtected(e.target.checked)}
        />
      ) : (
        <p className="text-xs text-slate-600">{env.protected ? "Protected: " : "Not protected. "}only admins can change protection.</p>
      )}
      {errors["body.protected"] ? <p className="text-xs text-red-700" role="alert">{errors["body.protected"]}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={update.isPending}>
          Save
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
