"use client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { HeaderRow } from "./tester-form";

/** Editable name/value rows of request headers. */
export function HeaderRows({ rows, onChange, errors }: { rows: readonly HeaderRow[]; onChange: (rows: HeaderRow[]) => void; errors: Record<string, string> }) {
  const update = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex min-w-0 flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800">Request headers</legend>
      {rows.length === 0 ? <p className="text-sm text-slate-600">None. Headers other than Accept, Accept-Language, Content-Language and a simple Content-Type make the browser send a preflight.</p> : null}
      {rows.map((row, i) => (
        <div key={i} className="flex min-w-0 flex-col gap-1">
          <div className="grid min-w-0 grid-cols-[minmax(0,1fr)_auto] items-end gap-2">
            <div className="grid min-w-0 gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
              <TextField label={`Header ${i + 1} name`} value={row.name} onChange={(e) => update(i, { name: e.target.value })} placeholder="Authorization" autoComplete="off" spellCheck={false} />
              <TextField label={`Header ${i + 1} value`} value={row.value} onChange={(e) => update(i, { value: e.target.value })} placeholder="Bearer …" autoComplete="off" spellCheck={false} />
            </div>
            <Button type="button" variant="ghost" aria-label={`Remove header ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              ✕
            </Button>
          </div>
          {errors[`headers.${i}`] ? (
            <p className="text-xs text-red-700" role="alert">
              {errors[`headers.${i}`]}
            </p>
          ) : null}
        </div>
      ))}
      <div>
        <Button type="button" variant="secondary" onClick={() => onChange([...rows, { name: "", value: "" }])}>
          Add header
        </Button>
      </div>
    </fieldset>
  );
}
