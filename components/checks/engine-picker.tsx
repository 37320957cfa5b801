"use client";
import { engineLabel, orderEngines } from "@/lib/api/schemas/engines";
import { ENGINES, type Engine } from "@/lib/cors/simulate/engines";
import { CheckboxField } from "@/components/ui/checkbox-field";

/**
 * "Must pass in: Chromium / Firefox / WebKit (modelled)": the engines in which
 * a check (saved or migration) must give the expected verdict. At least one;
 * the schema says so if the user unticks them all.
 */
export function EnginePicker({ value, onChange, error }: { value: readonly Engine[]; onChange: (next: Engine[]) => void; error?: string | undefined }) {
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? "engine-picker-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Must pass in</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {ENGINES.map((engine) => (
          <CheckboxField
            key={engine}
            label={engineLabel(engine)}
            checked={value.includes(engine)}
            onChange={(e) => onChange(orderEngines(e.target.checked ? [...value, engine] : value.filter((v) => v !== engine)))}
          />
        ))}
      </div>
      <p className="text-xs text-slate-600">The check passes only when every engine ticked gives the expected verdict. WebKit is modelled from its source, not run here.</p>
      {error ? (
        <p id="engine-picker-error" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
