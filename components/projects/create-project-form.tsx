"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { createProjectRequestSchema } from "@/lib/api/schemas/editing";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCreateProject } from "@/lib/queries/projects";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Alert } from "@/components/ui/states";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { errorsByField, slugify } from "@/components/projects/form-errors";

interface EnvRow {
  key: number;
  slug: string;
  protected: boolean;
}

const DEFAULT_ENVIRONMENTS: EnvRow[] = [
  { key: 0, slug: "dev", protected: false },
  { key: 1, slug: "staging", protected: false },
  { key: 2, slug: "prod", protected: true },
];

/** Slug, name, description and the environments to start with (dev, staging, prod by default; prod protected). */
export function CreateProjectForm({ onCancel }: { onCancel?: () => void }) {
  const router = useRouter();
  const create = useCreateProject();
  const idBase = useId();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [description, setDescription] = useState("");
  const [envs, setEnvs] = useState<EnvRow[]>(DEFAULT_ENVIRONMENTS);
  const [nextKey, setNextKey] = useState(3);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const effectiveSlug = slugTouched ? slug : slugify(name);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      slug: effectiveSlug,
      name,
      ...(description.trim() ? { description } : {}),
      environments: envs.map((e) => ({ slug: e.slug.trim(), name: e.slug.trim(), protected: e.protected, baseUrls: [] })),
    };
    const parsed = createProjectRequestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [["body", ...i.path.map(String)].join("."), i.message])));
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      const { project } = await create.mutateAsync(parsed.data);
      router.push(`/projects/${project.slug}`);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = errorsByField(error);
        // A taken slug is a conflict about the slug field even when the server names no field.
        if (error.status === 409 && !fields["body.slug"]) fields["body.slug"] = error.message;
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error.message);
      } else setFormError("The project could not be created. Check your connection and try again.");
    }
  }

  const envError = (i: number) => errors[`body.environments.${i}.slug`] ?? errors[`body.environments.${i}.name`] ?? errors[`body.environments.${i}`];

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create project" className="flex flex-col gap-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Name" name="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors["body.name"]} hint="What people call the service, e.g. Checkout API." />
        <TextField
          label="Slug"
          name="slug"
          required
          value={effectiveSlug}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value);
          }}
          error={errors["body.slug"]}
          hint="Used in URLs and by services: lowercase letters, digits and dashes. It can't be changed later."
          spellCheck={false}
          autoCapitalize="off"
        />
      </div>
      <TextAreaField label="Description (optional)" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors["body.description"]} rows={2} />

      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">Environments, in order</legend>
        <p className="text-xs text-slate-600">Publishing to a protected environment needs someone else&apos;s approval. You can add, rename and reorder environments later.</p>
        {errors["body.environments"] ? <p className="text-xs text-red-700" role="alert">{errors["body.environments"]}</p> : null}
        <ol className="flex flex-col gap-2">
          {envs.map((env, i) => {
            const error = envError(i);
            const inputId = `${idBase}-env-${env.key}`;
            return (
              <li key={env.key} className="flex flex-col gap-1">
                <div className="flex items-center gap-3">
                  <span className="w-5 shrink-0 text-right text-xs text-slate-600" aria-hidden>
                    {i + 1}.
                  </span>
                  <label htmlFor={inputId} className="sr-only">
                    Environment {i + 1} slug
                  </label>
                  <input
                    id={inputId}
                    value={env.slug}
                    onChange={(e) => setEnvs((rows) => rows.map((r) => (r.key === env.key ? { ...r, slug: e.target.value } : r)))}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${inputId}-error` : undefined}
                    spellCheck={false}
                    autoCapitalize="off"
                    placeholder="e.g. qa"
                    className={`w-full min-w-0 flex-1 rounded-md border px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500 sm:max-w-56 ${error ? "border-red-500" : "border-slate-300"}`}
                  />
                  <CheckboxField
                    className="shrink-0"
                    label={
                      <>
                        Protected<span className="sr-only"> (environment {i + 1})</span>
                      </>
                    }
                    checked={env.protected}
                    onChange={(e) => setEnvs((rows) => rows.map((r) => (r.key === env.key ? { ...r, protected: e.target.checked } : r)))}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    className="min-w-10 shrink-0 px-2 disabled:text-slate-300"
                    disabled={envs.length === 1}
                    onClick={() => setEnvs((rows) => rows.filter((r) => r.key !== env.key))}
                  >
                    <span aria-hidden>✕</span>
                    <span className="sr-only">Remove environment {i + 1}{env.slug ? ` (${env.slug})` : ""}</span>
                  </Button>
                </div>
                {error ? (
                  <p id={`${inputId}-error`} className="pl-8 text-xs text-red-700" role="alert">
                    {error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
        <div>
          <Button
            type="button"
            variant="secondary"
            disabled={envs.length >= 20}
            onClick={() => {
              setEnvs((rows) => [...rows, { key: nextKey, slug: "", protected: false }]);
              setNextKey((k) => k + 1);
            }}
          >
            Add an environment
          </Button>
        </div>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={create.isPending}>
          Create project
        </Button>
        {onCancel ? (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
