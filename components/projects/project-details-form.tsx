"use client";
import { useState, type FormEvent } from "react";
import type { ProjectDetail } from "@/lib/api/schemas/project";
import { updateProjectRequestSchema } from "@/lib/api/schemas/editing";
import { ApiError } from "@/lib/queries/api-fetch";
import { useUpdateProject } from "@/lib/queries/projects";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { errorsByField, linesOf, listErrors } from "@/components/projects/form-errors";

/** Rename and describe a project (the slug stays: services and tokens use it). */
export function ProjectDetailsForm({ project }: { project: ProjectDetail }) {
  const update = useUpdateProject(project.slug);
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description ?? "");
  const [samplePaths, setSamplePaths] = useState(project.samplePaths.join("\n"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const pathsChanged = linesOf(samplePaths).join("\n") !== project.samplePaths.join("\n");
  const changed = name.trim() !== project.name || description.trim() !== (project.description ?? "") || pathsChanged;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      ...(name.trim() !== project.name ? { name } : {}),
      ...(description.trim() !== (project.description ?? "") ? { description: description.trim() ? description : null } : {}),
      ...(pathsChanged ? { samplePaths: linesOf(samplePaths) } : {}),
    };
    const parsed = updateProjectRequestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [["body", ...i.path.map(String)].join("."), i.message])));
      setMessage(null);
      return;
    }
    setErrors({});
    setMessage(null);
    try {
      await update.mutateAsync(parsed.data);
      setMessage({ tone: "success", text: "Saved." });
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = errorsByField(error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) setMessage({ tone: "error", text: error.message });
      } else setMessage({ tone: "error", text: "The project could not be saved." });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Project details" className="flex flex-col gap-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <TextField label="Project name" value={name} onChange={(e) => setName(e.target.value)} error={errors["body.name"]} />
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-slate-800">Slug</span>
        <code className="break-all text-sm text-slate-900">{project.slug}</code>
        <span className="text-xs text-slate-600">The slug can&apos;t change: services and tokens use it.</span>
      </div>
      <TextAreaField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors["body.description"]} rows={2} />
      <TextAreaField
        label="Sample paths"
        value={samplePaths}
        onChange={(e) => setSamplePaths(e.target.value)}
        error={listErrors(errors, "body.samplePaths")}
        rows={3}
        placeholder={"/health\n/api/orders"}
        hint="One path per line, starting with /. The migration check probes each under every base URL of the environments."
        inputClassName="font-mono"
        spellCheck={false}
      />
      <div>
        <Button type="submit" variant="secondary" busy={update.isPending} disabled={!changed}>
          Save details
        </Button>
      </div>
    </form>
  );
}
