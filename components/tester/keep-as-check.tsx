"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/select-field";
import { Alert } from "@/components/ui/states";
import { TextField } from "@/components/ui/text-field";
import type { SavedCheckExpect } from "@/lib/api/schemas/saved-check";
import { ApiError } from "@/lib/queries/api-fetch";
import { useProjects } from "@/lib/queries/projects";
import { useCreateSavedCheck } from "@/lib/queries/saved-checks";
import { suggestCheckName } from "./tester-form";
import type { TesterRun } from "./tester-run";

/**
 * Keep the request just tested as a saved check on an environment, so it runs
 * again after every publish and from CI. The check stores the probe's view of
 * the request (URL, Origin, method, headers, credentials), not the browser's
 * body: the probe never sends a body.
 */
export function KeepAsCheck({ run }: { run: TesterRun }) {
  const projects = useProjects();
  const list = (projects.data?.projects ?? []).filter((p) => !p.archived);
  const [projectSlug, setProjectSlug] = useState("");
  const [environmentSlug, setEnvironmentSlug] = useState("");
  const [name, setName] = useState(() => suggestCheckName(run.request));
  const [expect, setExpect] = useState<SavedCheckExpect>("allowed");
  const [error, setError] = useState<{ form?: string; name?: string }>({});
  const [created, setCreated] = useState<{ project: string; environment: string } | null>(null);
  const project = list.find((p) => p.slug === projectSlug);
  const create = useCreateSavedCheck(projectSlug, environmentSlug);

  async function onKeep() {
    setError({});
    if (!projectSlug || !environmentSlug) {
      setError({ form: "Choose the project and environment the check belongs to." });
      return;
    }
    const { url, origin, method, headers, credentials, sendActual } = run.request;
    try {
      // A run that also sent the actual request keeps doing so as a check (editors only see this card).
      await create.mutateAsync({ name, url, origin, method, headers, credentials, expect, sendActual });
      setCreated({ project: projectSlug, environment: environmentSlug });
    } catch (e) {
      if (e instanceof ApiError) {
        // A field error shows under its field; the banner only for what has no field here.
        const nameError = e.fieldError("body.name");
        const other = e.problem.errors?.filter((f) => f.field !== "body.name").map((f) => `${f.field.replace(/^body\./, "")}: ${f.message}`) ?? [];
        setError({ name: nameError, form: other.length > 0 ? other.join(" ") : nameError ? undefined : e.message });
      }
      else setError({ form: "The check could not be saved." });
    }
  }

  return (
    <Card title="Keep as a saved check">
      <div className="flex min-w-0 flex-col gap-3">
        <p className="text-sm text-slate-600">Run this request again after every publish of an environment, and from CI with <code>npm run check</code>.</p>
        {error.form ? <Alert tone="error">{error.form}</Alert> : null}
        {created ? (
          <Alert tone="success">
            <span data-testid="kept-check">
              Saved on{" "}
              <Link href={`/projects/${created.project}/${created.environment}`} className="font-medium underline">
                {created.project} / {created.environment}
              </Link>
              .
            </span>
          </Alert>
        ) : null}
        <div className="grid min-w-0 gap-3 sm:grid-cols-2">
          <SelectField
            label="Project"
            value={projectSlug}
            onChange={(e) => {
              setProjectSlug(e.target.value);
              setEnvironmentSlug(list.find((p) => p.slug === e.target.value)?.environments[0]?.slug ?? "");
            }}
            options={[{ value: "", label: "Choose a project" }, ...list.map((p) => ({ value: p.slug, label: p.name }))]}
          />
          <SelectField
            label="Environment"
            value={environmentSlug}
            onChange={(e) => setEnvironmentSlug(e.target.value)}
            disabled={!project}
            options={(project?.environments ?? []).map((env) => ({ value: env.slug, label: env.name }))}
          />
          <TextField label="Check name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} error={error.name} />
          <SelectField
            label="Expect"
            value={expect}
            onChange={(e) => setExpect(e.target.value === "blocked" ? "blocked" : "allowed")}
            options={[
              { value: "allowed", label: "allowed — the page may read the response" },
              { value: "blocked", label: "blocked — this origin must stay out" },
            ]}
          />
        </div>
        <div>
          <Button type="button" variant="secondary" onClick={onKeep} busy={create.isPending}>
            Save as check
          </Button>
        </div>
      </div>
    </Card>
  );
}
