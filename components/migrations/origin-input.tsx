"use client";
import { TextField } from "@/components/ui/text-field";
import { originProblem } from "@/components/migrations/origin-problem";

/** An origin field that checks as you type (after the first blur) and offers the canonical origin as a fix. */
export function OriginInput({
  label,
  value,
  onChange,
  showErrors,
  serverError,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  showErrors: boolean;
  serverError?: string | undefined;
  hint?: string;
}) {
  const problem = showErrors ? originProblem(value) : null;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <TextField
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={problem?.message ?? serverError}
        placeholder="https://app.example.com"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        inputMode="url"
        {...(hint ? { hint } : {})}
      />
      {problem?.fix ? (
        <button type="button" onClick={() => onChange(problem.fix as string)} className="self-start text-xs font-medium text-indigo-700 underline hover:text-indigo-900">
          Use {problem.fix}
        </button>
      ) : null}
    </div>
  );
}
