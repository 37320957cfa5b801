"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { MAX_MIGRATION_PROBES } from "@/lib/api/schemas/migration-check";
import { ApiError } from "@/lib/queries/api-fetch";
import { useRunMigrationCheck } from "@/lib/queries/migrations";
import { projectQuery, useProjects } from "@/lib/queries/projects";
import { useQueries } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { Alert, EmptyState, ErrorState, Loading } from "@/components/ui/states";
import { errorsByField, listErrors } from "@/components/projects/form-errors";
import { usePermissions } from "@/lib/queries/permissions";
import { OriginInput } from "@/components/migrations/origin-input";
import { EnginePicker } from "@/components/checks/engine-picker";
import { DEFAULT_REQUIRED_ENGINES, requiredEnginesSchema } from "@/lib/api/schemas/engines";
import type { Engine } from "@/lib/cors/simulate/engines";
import { originProblem } from "@/components/migrations/origin-problem";
import { formatSeconds, runEstimate } from "@/components/migrations/run-estimate";

/**
 * Pick projects, one environment slug (applied to each chosen project), the
 * old and the new origin; "Run check" probes and opens the saved report.
 */
export function MigrationForm() {
  const router = useRouter();
  const projects = useProjects();
  const { canEdit, known } = usePermissions();
  const run = useRunMigrationCheck();
  const [chosen, setChosen] = useState<string[]>([]);
  const [environment, setEnvironment] = useState("");
  const [oldOrigin, setOldOrigin] = useState("");
  const [newOrigin, setNewOrigin] = useState("");
  const [engines, setEngines] = useState<Engine[]>([...DEFAULT_REQUIRED_ENGINES]);
  const [submitted, setSubmitted] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const list = useMemo(() => projects.data?.projects ?? [], [projects.data]);
  // The environment slugs of the chosen projects (their union), in first-seen order.
  const slugs = useMemo(() => {
    const seen: string[] = [];
    for (const p of list.filter((p) => chosen.includes(p.slug))) for (const e of p.environments) if (!seen.includes(e.slug)) seen.push(e.slug);
    return seen;
  }, [list, chosen]);
  const selectedEnvironment = slugs.includes(environment) ? environment : (slugs[0] ?? "");
  const targets = list
    .filter((p) => chosen.includes(p.slug) && p.environments.some((e) => e.slug === selectedEnvironment))
    .map((p) => ({ project: p.slug, environment: selectedEnvironment }));
  const missing = chosen.filter((slug) => !targets.some((t) => t.project === slug));
  const baseUrlCount = list
    .filter((p) => chosen.includes(p.slug))
    .flatMap((p) => p.environments.filter((e) => e.slug === selectedEnvironment))
    .reduce((n, e) => n + e.baseUrls.length, 0);

  // Sample paths are on the project details: read for the chosen projects, to say how long a run can take.
  const details = useQueries({ queries: targets.map((t) => projectQuery(t.project)) });
  const estimate = runEstimate(
    targets.map((t, i) => {
      const detail = details[i]?.data?.project;
      const env = (detail ?? list.find((p) => p.slug === t.project))?.environments.find((e) => e.slug === t.environment);
      return { baseUrls: env?.baseUrls ?? [], samplePaths: detail?.samplePaths ?? [] };
    }),
  );

  const toggle = (slug: string, on: boolean) => setChosen((c) => (on ? [...c, slug] : c.filter((s) => s !== slug)));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setMessage(null);
    const local: Record<string, string> = {};
    if (targets.length === 0) local["body.targets"] = "Choose at least one project that has this environment.";
    if (originProblem(oldOrigin) || originProblem(newOrigin)) local.origins = "fix";
    else if (oldOrigin.trim() === newOrigin.trim()) local["body.newOrigin"] = "The new origin is the same as the old one: give the origin you are moving to.";
    const enginesCheck = requiredEnginesSchema.safeParse(engines);
    if (!enginesCheck.success) local["body.engines"] = enginesCheck.error.issues[0]?.message ?? "Name at least one engine.";
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setErrors({});
    try {
      const { report } = await run.mutateAsync({ targets, oldOrigin: oldOrigin.trim(), newOrigin: newOrigin.trim(), engines });
      router.push(`/migrations/${report.id}`);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = errorsByField(error);
        setErrors(fields);
        const targetErrors = listErrors(fields, "body.targets", "Target");
        setMessage(targetErrors ?? (Object.keys(fields).length === 0 ? error.message : null));
      } else setMessage("The check could not be run. Try again.");
    }
  }

  if (projects.isPending) return <Loading label="Loading projects…" />;
  if (projects.error) return <ErrorState error={projects.error} retry={() => void projects.refetch()} />;
  if (known && !canEdit) return <p className="text-sm text-slate-600">Running a check needs the editor role; you can read the saved reports below.</p>;
  if (list.length === 0) return <EmptyState title="No projects yet">Create a project with environments and base URLs first; the check probes those.</EmptyState>;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Migration check" className="flex flex-col gap-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-800">Projects</legend>
        <div className="grid max-h-72 gap-2 overflow-y-auto sm:grid-cols-2 lg:grid-cols-3">
          {list.map((p) => (
            <CheckboxField
              key={p.slug}
              label={<span className="[overflow-wrap:anywhere]">{p.name}</span>}
              hint={<span className="[overflow-wrap:anywhere]">{p.slug} · {p.environments.map((e) => e.slug).join(", ")}</span>}
              checked={chosen.includes(p.slug)}
              onChange={(e) => toggle(p.slug, e.target.checked)}
            />
          ))}
        </div>
        {submitted && errors["body.targets"] && !message ? (
          <p className="text-xs text-red-700" role="alert">
            {errors["body.targets"]}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          label="Environment"
          value={selectedEnvironment}
          onChange={(e) => setEnvironment(e.target.value)}
          disabled={slugs.length === 0}
          options={slugs.length === 0 ? [{ value: "", label: "Choose a project first" }] : slugs.map((s) => ({ value: s, label: s }))}
        />
        <OriginInput label="Old origin" value={oldOrigin} onChange={setOldOrigin} showErrors={submitted} serverError={errors["body.oldOrigin"]} />
        <OriginInput label="New origin" value={newOrigin} onChange={setNewOrigin} showErrors={submitted} serverError={errors["body.newOrigin"]} />
      </div>

      <EnginePicker value={engines} onChange={setEngines} error={submitted ? errors["body.engines"] : undefined} />

      {chosen.length > 0 ? (
        <p className="text-sm text-slate-600">
          {targets.length} environment{targets.length === 1 ? "" : "s"} with {baseUrlCount} base URL{baseUrlCount === 1 ? "" : "s"}; each base URL × sample path is probed with 3 request shapes as both origins (at most {MAX_MIGRATION_PROBES} probes).
          {missing.length > 0 ? ` Not checked (no “${selectedEnvironment}” environment): ${missing.join(", ")}.` : null}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={run.isPending}>
          {run.isPending ? "Probing…" : "Run check"}
        </Button>
        {run.isPending ? (
          <span role="status" className="text-sm text-slate-600">
            Probing {estimate.endpoints} endpoint{estimate.endpoints === 1 ? "" : "s"} as both origins (4 at a time, 5 s timeout each; a host that does not answer is tried once)… up to about {formatSeconds(estimate.upToSeconds)}.
          </span>
        ) : null}
      </div>
    </form>
  );
}
