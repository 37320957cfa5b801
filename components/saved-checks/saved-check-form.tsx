"use client";
import { useState, type FormEvent } from "react";
import { createSavedCheckRequestSchema, methodHasSideEffects, sendActualWarning, type SavedCheck } from "@/lib/api/schemas/saved-check";
import { ApiError } from "@/lib/queries/api-fetch";
import { useCreateSavedCheck, useUpdateSavedCheck } from "@/lib/queries/saved-checks";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { Alert } from "@/components/ui/states";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { headersToText, parseHeadersText } from "./check-text";
import { EnginePicker } from "@/components/checks/engine-picker";
import { DEFAULT_REQUIRED_ENGINES } from "@/lib/api/schemas/engines";
import type { Engine } from "@/lib/cors/simulate/engines";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].map((m) => ({ value: m, label: m }));

type Field = "name" | "url" | "origin" | "method" | "headers" | "credentials" | "expect" | "sendActual" | "engines";

/**
 * Add or edit a saved check. Validated with the API's own schema before
 * sending; the server's field errors (422) land on the same fields.
 */
export function SavedCheckForm({
  project,
  environment,
  check,
  baseUrls,
  onDone,
}: {
  project: string;
  environment: string;
  /** The check to edit; a new one when absent. */
  check?: SavedCheck;
  /** The environment's base URLs: the first prefills the URL of a new check. */
  baseUrls: readonly string[];
  onDone: () => void;
}) {
  const create = useCreateSavedCheck(project, environment);
  const update = useUpdateSavedCheck(project, environment);
  const [name, setName] = useState(check?.name ?? "");
  const [url, setUrl] = useState(check?.url ?? baseUrls[0] ?? "");
  const [origin, setOrigin] = useState(check?.origin ?? "");
  const [method, setMethod] = useState(check?.method ?? "GET");
  const [headers, setHeaders] = useState(check ? headersToText(check.headers) : "");
  const [credentials, setCredentials] = useState(check?.credentials === "include");
  const [expect, setExpect] = useState<"allowed" | "blocked">(check?.expect ?? "allowed");
  const [sendActual, setSendActual] = useState(check?.sendActual ?? false);
  const [engines, setEngines] = useState<Engine[]>(check?.engines ?? [...DEFAULT_REQUIRED_ENGINES]);
  // GET and HEAD are always sent: the opt-in only exists for methods that may change data.
  const canSendActual = methodHasSideEffects(method);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const methods = METHODS.some((m) => m.value === method) ? METHODS : [...METHODS, { value: method, label: method }];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsedHeaders = parseHeadersText(headers);
    const body = { name, url, origin, method, headers: parsedHeaders.ok ? parsedHeaders.headers : {}, credentials: credentials ? "include" : "omit", expect, sendActual: canSendActual && sendActual, engines };
    const parsed = createSavedCheckRequestSchema.safeParse(body);
    const next: Partial<Record<Field, string>> = {};
    if (!parsedHeaders.ok) next.headers = parsedHeaders.message;
    if (!parsed.success) for (const issue of parsed.error.issues) next[issue.path[0] as Field] ??= issue.message;
    setErrors(next);
    if (!parsed.success || !parsedHeaders.ok) return;
    try {
      if (check) await update.mutateAsync({ id: check.id, body: parsed.data });
      else await create.mutateAsync(parsed.data);
      onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        const fromServer: Partial<Record<Field, string>> = {};
        for (const e of error.problem.errors ?? []) {
          const field = e.field.replace(/^body\./, "").split(".")[0] as Field;
          fromServer[field] ??= e.message;
        }
        setErrors(fromServer);
        setFormError(error.message);
      } else setFormError("Saving failed. Check your connection and try again.");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={check ? "Edit saved check" : "Add saved check"} className="flex flex-col gap-3">
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} hint='What it proves, e.g. "app can PUT orders with cookies".' maxLength={200} />
      <TextField
        label="URL"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={errors.url}
        hint={baseUrls.length ? `The endpoint the page calls. Base URLs of this environment: ${baseUrls.join(", ")}` : "The endpoint the page calls, e.g. https://api.example.com/orders."}
        inputMode="url"
        spellCheck={false}
      />
      <TextField label="Page origin" value={origin} onChange={(e) => setOrigin(e.target.value)} error={errors.origin} hint="The origin of the page making the request, e.g. https://app.example.com." inputMode="url" spellCheck={false} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Method" value={method} onChange={(e) => setMethod(e.target.value)} options={methods} error={errors.method} />
        <SelectField
          label="Expect the browser to"
          value={expect}
          onChange={(e) => setExpect(e.target.value === "blocked" ? "blocked" : "allowed")}
          options={[
            { value: "allowed", label: "allow it" },
            { value: "blocked", label: "block it" },
          ]}
          error={errors.expect}
        />
      </div>
      <TextAreaField
        label="Request headers"
        value={headers}
        onChange={(e) => setHeaders(e.target.value)}
        error={errors.headers}
        hint="One per line, e.g. Content-Type: application/json. Headers that are not CORS-safelisted make the browser send a preflight."
        rows={2}
        spellCheck={false}
        inputClassName="font-mono"
      />
      <EnginePicker value={engines} onChange={setEngines} error={errors.engines} />
      <CheckboxField label='Send credentials (fetch() with credentials: "include")' checked={credentials} onChange={(e) => setCredentials(e.target.checked)} />
      {canSendActual ? (
        <div className="flex flex-col gap-2">
          <CheckboxField
            label={`Also send the actual ${method.toUpperCase()} request`}
            hint={
              sendActual
                ? "Runs check the preflight and the actual response."
                : `Off: runs check only the preflight, since a ${method.toUpperCase()} may change data — the result says "preflight only".`
            }
            checked={sendActual}
            onChange={(e) => setSendActual(e.target.checked)}
          />
          {sendActual ? <Alert tone="warning">{sendActualWarning(method)}</Alert> : null}
          {errors.sendActual ? <p className="text-xs text-red-700">{errors.sendActual}</p> : null}
        </div>
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" busy={create.isPending || update.isPending}>
          {check ? "Save check" : "Add check"}
        </Button>
      </div>
    </form>
  );
}
