"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Alert } from "@/components/ui/states";
import { createWebhookRequestSchema, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/api/schemas/webhook";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCreateWebhook } from "@/lib/queries/webhooks";

export function CreateWebhookForm() {
  const create = useCreateWebhook();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const secret = String(form.get("secret") ?? "").trim();
    const parsed = createWebhookRequestSchema.safeParse({
      name: form.get("name"),
      url: form.get("url"),
      events: form.getAll("events"),
      format: form.get("format"),
      ...(secret ? { secret } : {}),
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    try {
      const { webhook, secret: shown } = await create.mutateAsync(parsed.data);
      setCreated({ name: webhook.name, secret: shown });
      formEl.reset();
    } catch (error) {
      if (error instanceof ApiError) {
        const url = error.fieldError("body.url");
        setErrors({ url, secret: error.fieldError("body.secret"), form: url ? undefined : error.message });
      } else setErrors({ form: "The webhook could not be added." });
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2" noValidate aria-label="Add webhook">
      {errors.form ? <div className="md:col-span-2"><Alert tone="error">{errors.form}</Alert></div> : null}
      {created ? (
        <div className="md:col-span-2">
          <Alert tone="success">
            {created.name} is added. Its signing secret, shown only now: <code className="break-all font-mono" data-testid="webhook-secret">{created.secret}</code>
          </Alert>
        </div>
      ) : null}
      <TextField label="Name" name="name" required error={errors.name} placeholder="#ops-alerts" />
      <TextField label="URL" name="url" type="url" required error={errors.url} placeholder="https://hooks.slack.com/services/…" hint="Private addresses are refused unless CORSBOARD_PROBE_ALLOW_PRIVATE=1." />
      <SelectField
        label="Format"
        name="format"
        defaultValue="json"
        options={[
          { value: "json", label: "JSON (signed event document)" },
          { value: "slack", label: "Slack incoming webhook (text + blocks)" },
        ]}
      />
      <TextField label="Signing secret (optional)" name="secret" autoComplete="off" error={errors.secret} hint="At least 16 characters; leave empty to have one generated." />
      <fieldset className="md:col-span-2">
        <legend className="mb-2 text-sm font-medium text-slate-800">Events</legend>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {WEBHOOK_EVENTS.map((e) => (
            <CheckboxField key={e} name="events" value={e} label={WEBHOOK_EVENT_LABELS[e]} defaultChecked={e === "version.published" || e === "change-request.opened"} />
          ))}
        </div>
        {errors.events ? <p className="mt-1 text-xs text-red-700" role="alert">{errors.events}</p> : null}
      </fieldset>
      <div className="md:col-span-2">
        <Button type="submit" busy={create.isPending}>
          Add webhook
        </Button>
      </div>
    </form>
  );
}
