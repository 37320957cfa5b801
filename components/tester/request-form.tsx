"use client";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { Alert } from "@/components/ui/states";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { HeaderRows } from "./header-rows";
import { TargetPicker } from "./target-picker";
import { isSafeMethod, PRESET_METHODS, typedMethod, type BodyType, type BrowserCredentials, type TesterForm } from "./tester-form";

const CUSTOM = "__custom__";

const BODY_HINTS: Record<BodyType, string> = {
  none: "No body.",
  json: "Sends Content-Type: application/json — not a CORS-safelisted type, so the browser always sends a preflight first.",
  form: "Sends Content-Type: application/x-www-form-urlencoded — safelisted: no preflight because of the body.",
  text: "Sends Content-Type: text/plain;charset=UTF-8 — safelisted: no preflight because of the body.",
};

const CREDENTIAL_HINTS: Record<BrowserCredentials, string> = {
  omit: "No cookies or HTTP auth.",
  "same-origin": "Cookies only to the dashboard's own origin: for another origin this is the same as omit.",
  include: "Sends cookies; the server must answer Access-Control-Allow-Credentials: true and a specific origin (never *).",
};

/** The request's fields; the parent owns the state and the errors. */
export function RequestForm({ form, onChange, errors, canSendActual }: { form: TesterForm; onChange: (form: TesterForm) => void; errors: Record<string, string>; canSendActual: boolean }) {
  const set = (patch: Partial<TesterForm>) => onChange({ ...form, ...patch });
  const isPreset = (PRESET_METHODS as readonly string[]).includes(form.method);
  const method = typedMethod(form.method) || "GET";
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <TargetPicker url={form.url} onUrlChange={(url) => set({ url })} error={errors.url} />
      {form.mode === "server" ? (
        <TextField
          label="Origin to probe as"
          name="origin"
          value={form.origin}
          onChange={(e) => set({ origin: e.target.value })}
          placeholder="https://new.example.com"
          hint="Any serialized origin — e.g. a domain that doesn't exist yet. Only the server probe runs."
          error={errors.origin}
          autoComplete="off"
          spellCheck={false}
        />
      ) : null}
      <div className="grid min-w-0 gap-3 sm:grid-cols-2">
        <SelectField
          label="Method"
          value={isPreset ? form.method : CUSTOM}
          onChange={(e) => set({ method: e.target.value === CUSTOM ? "" : e.target.value })}
          options={[...PRESET_METHODS.map((m) => ({ value: m, label: m })), { value: CUSTOM, label: "Custom…" }]}
          error={isPreset ? errors.method : undefined}
        />
        {!isPreset ? (
          <TextField label="Custom method" value={form.method} onChange={(e) => set({ method: e.target.value })} placeholder="PROPFIND" error={errors.method} autoComplete="off" spellCheck={false} />
        ) : null}
        <SelectField
          label="Credentials"
          value={form.credentials}
          onChange={(e) => set({ credentials: e.target.value as BrowserCredentials })}
          options={[
            { value: "omit", label: "omit" },
            { value: "same-origin", label: "same-origin" },
            { value: "include", label: "include" },
          ]}
        />
        <p className="text-xs text-slate-600 sm:col-span-2">{CREDENTIAL_HINTS[form.credentials]}</p>
      </div>
      <HeaderRows rows={form.headers} onChange={(headers) => set({ headers })} errors={errors} />
      <div className="flex min-w-0 flex-col gap-3">
        <SelectField
          label="Body"
          value={form.bodyType}
          onChange={(e) => set({ bodyType: e.target.value as BodyType })}
          options={[
            { value: "none", label: "None" },
            { value: "json", label: "JSON (application/json)" },
            { value: "form", label: "Form (application/x-www-form-urlencoded)" },
            { value: "text", label: "Text (text/plain)" },
          ]}
          error={form.bodyType === "none" ? errors.body : undefined}
        />
        <p className="text-xs text-slate-600">{BODY_HINTS[form.bodyType]}</p>
        {form.bodyType !== "none" ? (
          <TextAreaField
            label="Body content"
            value={form.body}
            onChange={(e) => set({ body: e.target.value })}
            rows={4}
            inputClassName="font-mono"
            placeholder={form.bodyType === "json" ? '{"status": "shipped"}' : form.bodyType === "form" ? "status=shipped&id=42" : "hello"}
            error={errors.body}
            spellCheck={false}
          />
        ) : null}
      </div>
      {form.mode === "browser" ? (
        <CheckboxField
          label="Reuse cached preflights, as your app's pages do"
          hint="Off: fetch() uses cache: “no-store”, and Chromium then sends a fresh preflight, showing the server's current answer. On: cache: “default” — Chromium may skip the preflight while an earlier answer is cached (Access-Control-Max-Age)."
          checked={form.browserCache === "default"}
          onChange={(e) => set({ browserCache: e.target.checked ? "default" : "no-store" })}
        />
      ) : null}
      {!isSafeMethod(method) ? (
        <>
          {form.mode === "browser" ? (
            <Alert tone="warning">
              <span data-testid="side-effect-warning">
                Side effects: once the preflight passes, this browser really sends the {method} (with its body) to the server — it may change data. Use a test endpoint or test data.
              </span>
            </Alert>
          ) : null}
          {canSendActual ? (
          <CheckboxField
            label="Also let the server probe send the actual request"
            hint={`Off by default: the probe then checks the preflight only. On, Corsboard sends the ${method} itself${form.mode === "browser" ? " (a second time, after the browser's)" : ""}, without a body.`}
            checked={form.sendActual}
            onChange={(e) => set({ sendActual: e.target.checked })}
          />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
