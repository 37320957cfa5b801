"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { Alert } from "@/components/ui/states";
import { createTokenRequestSchema } from "@/lib/api/schemas/token";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCreateToken } from "@/lib/queries/tokens";
import { useProjects } from "@/lib/queries/projects";
import { ConnectService } from "@/components/connect/connect-service";

/** `publicUrl`: CORSBOARD_PUBLIC_URL, for the connect snippets shown with a new read token. */
export function CreateTokenForm({ publicUrl = null }: { publicUrl?: string | null }) {
  const create = useCreateToken();
  const projects = useProjects();
  const [scope, setScope] = useState<"admin" | "config_read">("config_read");
  const [project, setProject] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [secret, setSecret] = useState<{ name: string; value: string; project: string | null; environment: string | null } | null>(null);
  const [copied, setCopied] = useState(false);

  const projectList = projects.data?.projects ?? [];
  const selectedProject = projectList.find((p) => p.slug === project) ?? projectList[0];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const parsed = createTokenRequestSchema.safeParse({
      name: form.get("name"),
      scope,
      ...(scope === "config_read" ? { project: form.get("project"), environment: form.get("environment") } : {}),
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    try {
      const created = await create.mutateAsync(parsed.data);
      setSecret({ name: created.token.name, value: created.secret, project: created.token.project, environment: created.token.environment });
      setCopied(false);
      formEl.reset();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({ form: error.message, name: error.fieldError("body.name"), project: error.fieldError("body.project"), environment: error.fieldError("body.environment") });
      } else setErrors({ form: "The token could not be created." });
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {secret ? (
        <Alert tone="success">
          <p className="font-medium">Token “{secret.name}” created. Copy it now: it is shown only once.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="token-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-green-300">
              {secret.value}
            </code>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(secret.value).then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          {secret.project && secret.environment ? (
            <section aria-label="Connect a service" className="mt-3 rounded-md bg-white p-3 ring-1 ring-green-200">
              <h3 className="mb-2 text-sm font-medium text-slate-900">Connect a service to {secret.project}/{secret.environment}</h3>
              <ConnectService project={secret.project} environment={secret.environment} publicUrl={publicUrl} token={secret.value} />
            </section>
          ) : null}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2" noValidate aria-label="Create API token">
        {errors.form ? <div className="md:col-span-2"><Alert tone="error">{errors.form}</Alert></div> : null}
        <TextField label="Name" name="name" required hint="What uses it, e.g. checkout-service prod." error={errors.name} />
        <SelectField
          label="Scope"
          name="scope"
          value={scope}
          onChange={(e) => setScope(e.target.value === "admin" ? "admin" : "config_read")}
          options={[
            { value: "config_read", label: "Read one environment's config (services)" },
            { value: "admin", label: "Admin (CI and scripts)" },
          ]}
        />
        {scope === "config_read" ? (
          <>
            <SelectField
              label="Project"
              name="project"
              value={selectedProject?.slug ?? ""}
              onChange={(e) => setProject(e.target.value)}
              error={errors.project}
              options={projectList.map((p) => ({ value: p.slug, label: p.name }))}
            />
            <SelectField
              key={selectedProject?.slug}
              label="Environment"
              name="environment"
              error={errors.environment}
              options={(selectedProject?.environments ?? []).map((e) => ({ value: e.slug, label: e.name }))}
            />
          </>
        ) : null}
        <div className="md:col-span-2">
          <Button type="submit" busy={create.isPending}>
            Create token
          </Button>
        </div>
      </form>
    </div>
  );
}
