/** One difference between an audit event's `before` and `after`. */
export interface DiffRow {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const key = (v: unknown) => JSON.stringify(v);

/**
 * Field-by-field differences: objects are walked, arrays are compared as
 * sets (items added, items removed), anything else compared by value.
 */
export function diffValues(before: unknown, after: unknown, path = "", depth = 0): DiffRow[] {
  if (key(before) === key(after)) return [];
  if (before === null || before === undefined) {
    if (isPlainObject(after) && depth < 4) return Object.keys(after).flatMap((k) => diffValues(undefined, after[k], join(path, k), depth + 1));
    return [{ path: path || "(value)", kind: "added", after }];
  }
  if (after === null || after === undefined) {
    if (isPlainObject(before) && depth < 4) return Object.keys(before).flatMap((k) => diffValues(before[k], undefined, join(path, k), depth + 1));
    return [{ path: path || "(value)", kind: "removed", before }];
  }
  if (isPlainObject(before) && isPlainObject(after) && depth < 4) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffValues(before[k], after[k], join(path, k), depth + 1));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const b = new Set(before.map(key));
    const a = new Set(after.map(key));
    const rows: DiffRow[] = [
      ...after.filter((x) => !b.has(key(x))).map((x) => ({ path: `${path}[]`, kind: "added" as const, after: x })),
      ...before.filter((x) => !a.has(key(x))).map((x) => ({ path: `${path}[]`, kind: "removed" as const, before: x })),
    ];
    // Same items, another order.
    return rows.length ? rows : [{ path: path || "(value)", kind: "changed", before, after }];
  }
  return [{ path: path || "(value)", kind: "changed", before, after }];
}

const join = (path: string, k: string) => (path ? `${path}.${k}` : k);

/**
 * A value for the "What changed" table, in words rather than JSON: an origin
 * entry as its value (with its note and expiry), lists joined, objects as
 * `key: value` pairs. The raw documents stay one click away.
 */
export function formatValue(v: unknown): string {
  if (v === undefined) return "";
  if (v === null) return "none";
  if (typeof v === "string") return v;
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.map(formatValue).join(", ");
  const o = v as Record<string, unknown>;
  if (typeof o.value === "string") {
    const extras = [typeof o.note === "string" && o.note ? `note “${o.note}”` : null, typeof o.expiresAt === "string" ? `expires ${o.expiresAt.slice(0, 10)}` : null].filter(Boolean);
    return extras.length > 0 ? `${o.value} (${extras.join(", ")})` : o.value;
  }
  return Object.entries(o)
    .map(([k, x]) => `${k}: ${formatValue(x)}`)
    .join("; ");
}

/** The differences as a readable table, and the raw before/after documents on demand. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffValues(before, after);
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No recorded difference between before and after.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[20rem] text-left text-xs">
            <caption className="sr-only">What changed</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Field</th>
                <th scope="col" className="py-1 pr-3 font-medium">Before</th>
                <th scope="col" className="py-1 font-medium">After</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 font-mono">
              {rows.map((r, i) => (
                <tr key={`${r.path}-${i}`}>
                  <th scope="row" className="py-1 pr-3 align-top font-normal text-slate-700">
                    {r.path}
                  </th>
                  <td className="break-all py-1 pr-3 align-top">
                    {r.kind === "added" ? (
                      <span className="text-slate-500">—</span>
                    ) : (
                      <span className="rounded bg-red-50 px-1 text-red-800">
                        <span className="sr-only">removed </span>
                        {formatValue(r.before)}
                      </span>
                    )}
                  </td>
                  <td className="break-all py-1 align-top">
                    {r.kind === "removed" ? (
                      <span className="text-slate-500">—</span>
                    ) : (
                      <span className="rounded bg-green-50 px-1 text-green-800">
                        <span className="sr-only">{r.kind === "added" ? "added " : "now "}</span>
                        {formatValue(r.after)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-700">Raw before and after</summary>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <div className="min-w-0">
            <p className="mb-1 font-medium text-slate-700">Before</p>
            <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-2">{JSON.stringify(before ?? null, null, 2)}</pre>
          </div>
          <div className="min-w-0">
            <p className="mb-1 font-medium text-slate-700">After</p>
            <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-2">{JSON.stringify(after ?? null, null, 2)}</pre>
          </div>
        </div>
      </details>
    </div>
  );
}
