"use client";
import { useState, type FormEvent } from "react";
import { createEnvironmentRequestSchema } from "@/lib/api/schemas/editing";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCreateEnvironment } from "@/lib/queries/projects";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Alert } from "@/components/ui/states";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { errorsByField, linesOf, listErrors, slugify } from "@/components/projects/form-errors";

/** A new environment, added after the last one. Only admins may create it protected. */
export function AddEnvironmentForm({ project, isAdmin, onAdded }: { project: string; isAdmin: boolean; onAdded?: (slug: string) => void }) {
  const create = useCreateEnvironment(project);
  const [slug, setSlug] = useState("");
  const [name, setName] = useState("");
  const [baseUrls, setBaseUrls] = useState("");
  const [isProtected, setProtected] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const parsed = createEnvironmentRequestSchema.safeParse({
      slug,
      name: name.trim() || slug,
      protected: isAdmin ? isProtected : false,
      baseUrls: linesOf(baseUrls),
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [["body", ...i.path.map(String)].join("."), i.message])));
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      const { environment } = await create.mutateAsync(parsed.data);
      setAdded(environment.name);
      setSlug("");
      setName("");
      setBaseUrls("");
      setProtected(false);
      onAdded?.(environment.slug);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = errorsByField(error);
        if (error.status === 409 && !fields["body.slug"]) fields["body.slug"] = error.message;
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error.message);
      } else setFormError("The environment could not be added.");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add environment" className="flex flex-col gap-3">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {added ? <Alert tone="success">Environment {added} added at the end.</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Slug"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          onBlur={() => setSlug((s) => (s && !/^[a-z0-9][a-z0-9-]*$/.test(s) ? slugify(s) : s))}
          error={errors["body.slug"]}
          hint="e.g. qa or eu-prod; used in URLs and tokens."
          spellCheck={false}
          autoCapitalize="off"
        />
        <TextField label="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} error={errors["body.name"]} hint="Defaults to the slug." />
      </div>
      <TextAreaField
        label="Base URLs (optional)"
        value={baseUrls}
        onChange={(e) => setBaseUrls(e.target.value)}
        error={listErrors(errors, "body.baseUrls")}
        hint="One per line; the tester sends its requests there."
        spellCheck={false}
        rows={2}
      />
      {isAdmin ? (
        <CheckboxField label="Protected" hint="Publishing needs the approval of another editor." checked={isProtected} onChange={(e) => setProtected(e.target.checked)} />
      ) : null}
      <div>
        <Button type="submit" variant="secondary" busy={create.isPending}>
          Add environment
        </Button>
      </div>
    </form>
  );
}
