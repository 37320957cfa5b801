"use client";
import { createContext, useContext, useMemo } from "react";
import { compilePolicy, previewRule, type PreviewCandidate } from "@/lib/cors";
import type { EditorOrigin } from "@/components/editor/draft-model";

/**
 * The (debounced) allowlist the previews compile. A context rather than a row
 * prop, so a lint run re-renders the open previews only, not every row.
 */
export const PreviewOriginsContext = createContext<readonly EditorOrigin[]>([]);

/**
 * The adversarial preview of one wildcard: the look-alike origins an attacker
 * would try, and what the same matcher services run says about each. With the
 * whole allowlist, so a look-alike another entry lets in shows up too.
 */
export function WildcardPreview({ value, now, id }: { value: string; now: number; id: string }) {
  const origins = useContext(PreviewOriginsContext);
  const result = useMemo(() => {
    const compiled = compilePolicy({ origins: origins.map((o) => ({ value: o.value, expiresAt: o.expiresAt })) });
    const preview = previewRule(value, compiled.ok ? { now, policy: compiled.policy } : { now });
    return { preview, wholePolicy: compiled.ok };
  }, [value, origins, now]);

  const { preview, wholePolicy } = result;
  if (!preview.ok) {
    return (
      <p id={id} className="mt-2 text-sm text-slate-700">
        Fix this entry to see which look-alike origins it would accept.
      </p>
    );
  }
  const accepted = preview.candidates.filter((c) => c.accepted);
  const refused = preview.candidates.filter((c) => !c.accepted);
  const surprises = preview.candidates.filter((c) => c.accepted !== c.intended).length;
  return (
    <section id={id} aria-label={`Look-alike origins for ${value}`} className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <p className="text-sm text-slate-700">
        What {wholePolicy ? "this allowlist" : "this rule alone"} answers to origins an attacker would try.{" "}
        {surprises === 0 ? (
          <span className="font-medium text-green-800">Every look-alike gets the answer you&apos;d expect.</span>
        ) : (
          <span className="font-medium text-red-800">{surprises} unexpected answer{surprises === 1 ? "" : "s"}: review the entries named below.</span>
        )}
      </p>
      <div className="mt-2 flex flex-col gap-3">
        <CandidateGroup title={`Accepted (${accepted.length})`} candidates={accepted} />
        <CandidateGroup title={`Refused (${refused.length})`} candidates={refused} />
      </div>
    </section>
  );
}

function CandidateGroup({ title, candidates }: { title: string; candidates: readonly PreviewCandidate[] }) {
  return (
    <div className="min-w-0">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h4>
      <ul className="mt-1 grid gap-1 md:grid-cols-2">
        {candidates.map((c) => {
          const unexpected = c.accepted !== c.intended;
          return (
            <li key={`${c.attack}-${c.origin}`} className={`rounded px-2 py-1 text-xs ${unexpected ? "bg-red-50 ring-1 ring-red-300" : "bg-white ring-1 ring-slate-200"}`}>
              <span className="flex flex-wrap items-center gap-x-2">
                <span className="min-w-0 break-all font-mono text-xs text-slate-900 sm:text-sm">{c.origin}</span>
                {unexpected ? <span className="font-semibold text-red-800">{c.accepted ? "unexpectedly accepted" : "unexpectedly refused"}</span> : null}
              </span>
              <span className="block text-slate-600">{c.why}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
