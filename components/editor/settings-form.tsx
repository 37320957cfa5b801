"use client";
import { useId, type ReactNode } from "react";
import type { LintFinding, PolicyField } from "@/lib/cors";
import type { EditorState, LintResult, SettingsField } from "@/components/editor/draft-model";
import { FindingList } from "@/components/editor/finding-list";
import type { RefusalHints } from "@/components/editor/refusal-hints";

type Change = <K extends SettingsField>(field: K, value: EditorState[K]) => void;

const inputClass =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500 disabled:bg-slate-50";

/**
 * Every setting of the policy but the origins, each with its lint findings
 * inline, and what services refused in the last hour by the setting that
 * would fix it (`hints`, from their reports).
 */
export function SettingsForm({
  state,
  lint,
  readOnly,
  onChange,
  onFix,
  hints = {},
}: {
  state: EditorState;
  lint: LintResult;
  readOnly: boolean;
  onChange: Change;
  onFix: (finding: LintFinding) => void;
  hints?: RefusalHints;
}) {
  const findings = (...fields: PolicyField[]) => fields.flatMap((f) => lint.byField[f] ?? []);
  const common = { readOnly, onFix };
  return (
    <div className="flex flex-col gap-5">
      <FindingList findings={findings("policy")} onFix={onFix} disabled={readOnly} />
      <Checkbox
        label="Allow credentials"
        hint="Sends Access-Control-Allow-Credentials: true, so cookies and HTTP authentication go with the requests. Never valid with “*”."
        checked={state.allowCredentials}
        onChange={(v) => onChange("allowCredentials", v)}
        findings={findings("allowCredentials")}
        notes={hints.allowCredentials}
        {...common}
      />
      <ListInput
        label="Allowed methods"
        hint="Separated by commas. GET, HEAD and POST are always allowed; list the others (PUT, PATCH, DELETE…)."
        value={state.allowedMethods}
        onChange={(v) => onChange("allowedMethods", v)}
        findings={findings("allowedMethods")}
        notes={hints.allowedMethods}
        placeholder="PUT, PATCH, DELETE"
        {...common}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">Request headers</legend>
        <Radio
          name="headers-mode"
          label="Only the headers listed below"
          checked={!state.reflectRequestHeaders}
          onChange={() => onChange("reflectRequestHeaders", false)}
          readOnly={readOnly}
        />
        <Radio
          name="headers-mode"
          label="Reflect requested headers (allow any header a preflight asks for)"
          checked={state.reflectRequestHeaders}
          onChange={() => onChange("reflectRequestHeaders", true)}
          readOnly={readOnly}
        />
        <FindingList findings={findings("reflectRequestHeaders")} onFix={onFix} disabled={readOnly} compact />
        <ListInput
          label="Allowed headers"
          hint={state.reflectRequestHeaders ? "Ignored while requested headers are reflected." : "Separated by commas, e.g. content-type, authorization, x-request-id."}
          value={state.allowedHeaders}
          onChange={(v) => onChange("allowedHeaders", v)}
          findings={findings("allowedHeaders")}
          notes={hints.allowedHeaders}
          placeholder="content-type, authorization"
          {...common}
        />
      </fieldset>
      <ListInput
        label="Exposed headers"
        hint="Response headers scripts may read (Access-Control-Expose-Headers), e.g. x-request-id."
        value={state.exposedHeaders}
        onChange={(v) => onChange("exposedHeaders", v)}
        findings={findings("exposedHeaders")}
        placeholder="x-request-id"
        {...common}
      />
      <Field
        label="Preflight cache (max-age, seconds)"
        hint="Empty: no header (browsers cache 5 s). Chromium caps it at 7200."
        findings={findings("maxAgeSeconds")}
        {...common}
      >
        {(props) => (
          <input
            {...props}
            type="number"
            inputMode="numeric"
            min={0}
            max={86_400}
            step={1}
            value={state.maxAgeSeconds}
            onChange={(e) => onChange("maxAgeSeconds", e.target.value)}
            disabled={readOnly}
            className={`${inputClass} max-w-40`}
          />
        )}
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">Requests without an Origin header</legend>
        <p className="text-xs text-slate-600">curl, health checks and server-to-server calls send none; they aren&apos;t CORS requests.</p>
        <Radio
          name="no-origin"
          label="Pass through (answered normally, no CORS headers)"
          checked={state.noOrigin === "allow"}
          onChange={() => onChange("noOrigin", "allow")}
          readOnly={readOnly}
        />
        <Radio name="no-origin" label="Reject with 403" checked={state.noOrigin === "reject"} onChange={() => onChange("noOrigin", "reject")} readOnly={readOnly} />
        <FindingList findings={findings("noOrigin")} onFix={onFix} disabled={readOnly} compact />
        <RefusalNotes notes={hints.noOrigin} />
      </fieldset>
      <Checkbox
        label="Allow private network access"
        hint="Answers Private Network Access preflights (public website → service on a private network) with Access-Control-Allow-Private-Network: true."
        checked={state.allowPrivateNetwork}
        onChange={(v) => onChange("allowPrivateNetwork", v)}
        findings={findings("allowPrivateNetwork")}
        notes={hints.allowPrivateNetwork}
        {...common}
      />
    </div>
  );
}

/** What services refused that this setting would fix (from their reports). */
function RefusalNotes({ id, notes }: { id?: string; notes: readonly string[] | undefined }) {
  if (!notes?.length) return null;
  return (
    // No aria-label: the field's aria-describedby points here, and a label would stand in for the text.
    <ul id={id} className="flex flex-col gap-1">
      {notes.map((n) => (
        <li key={n} role="note" className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900">
          {n}
        </li>
      ))}
    </ul>
  );
}

interface FieldProps {
  id: string;
  "aria-describedby": string;
  "aria-invalid"?: boolean;
}

function Field({
  label,
  hint,
  findings,
  notes,
  readOnly,
  onFix,
  children,
}: {
  label: string;
  hint: string;
  findings: readonly LintFinding[];
  notes?: readonly string[];
  readOnly: boolean;
  onFix: (finding: LintFinding) => void;
  children: (props: FieldProps) => ReactNode;
}) {
  const id = useId();
  const error = findings.some((f) => f.severity === "error");
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, "aria-describedby": `${id}-hint ${id}-findings${notes?.length ? ` ${id}-refusals` : ""}`, ...(error ? { "aria-invalid": true } : {}) })}
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      <FindingList id={`${id}-findings`} findings={findings} onFix={onFix} disabled={readOnly} />
      <RefusalNotes id={`${id}-refusals`} notes={notes} />
    </div>
  );
}

function ListInput({
  value,
  onChange,
  placeholder,
  ...field
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  findings: readonly LintFinding[];
  notes?: readonly string[];
  readOnly: boolean;
  onFix: (finding: LintFinding) => void;
}) {
  return (
    <Field {...field}>
      {(props) => (
        <input
          {...props}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          disabled={field.readOnly}
          spellCheck={false}
          autoCapitalize="off"
          className={`${inputClass} font-mono`}
        />
      )}
    </Field>
  );
}

function Checkbox({
  label,
  hint,
  checked,
  onChange,
  findings,
  notes,
  readOnly,
  onFix,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  findings: readonly LintFinding[];
  notes?: readonly string[];
  readOnly: boolean;
  onFix: (finding: LintFinding) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          disabled={readOnly}
          aria-describedby={`${id}-hint${notes?.length ? ` ${id}-refusals` : ""}`}
          className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-400 accent-indigo-600"
        />
        <div className="min-w-0">
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            {label}
          </label>
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {hint}
          </p>
        </div>
      </div>
      <FindingList findings={findings} onFix={onFix} disabled={readOnly} />
      <RefusalNotes id={`${id}-refusals`} notes={notes} />
    </div>
  );
}

function Radio({ name, label, checked, onChange, readOnly }: { name: string; label: string; checked: boolean; onChange: () => void; readOnly: boolean }) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="radio" name={name} checked={checked} onChange={onChange} disabled={readOnly} className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600" />
      <label htmlFor={id} className="text-sm text-slate-800">
        {label}
      </label>
    </div>
  );
}
