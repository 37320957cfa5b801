import type { ProbeResultDoc } from "@/lib/api/schemas/probe";

type RawHeaders = Record<string, string | string[]> | null;

function HeaderTable({ headers, empty }: { headers: RawHeaders | Record<string, string>; empty: string }) {
  const entries = headers ? Object.entries(headers) : [];
  if (entries.length === 0) return <p className="text-xs text-slate-500">{empty}</p>;
  return (
    <dl className="grid grid-cols-1 gap-y-0.5 font-mono text-xs sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] sm:gap-x-3">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="break-all text-slate-500">{name}</dt>
          <dd className="break-all text-slate-900">{Array.isArray(value) ? value.join("\n") : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Exchange({ title, request, status, headers, error }: { title: string; request: { method: string; url: string; headers: Record<string, string> }; status: number | null; headers: RawHeaders; error: string | null }) {
  return (
    <div className="flex flex-col gap-2">
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      <p className="break-all font-mono text-xs text-slate-800">
        {request.method} {request.url}
      </p>
      <HeaderTable headers={request.headers} empty="No request headers." />
      <p className="font-mono text-xs text-slate-800">
        ← {error ? `network error: ${error}` : status === null ? "no response" : `HTTP ${status}`}
      </p>
      {error ? null : <HeaderTable headers={headers} empty="No response headers." />}
    </div>
  );
}

/** The raw preflight and actual exchanges the probe had with the server, behind a disclosure. */
export function RawExchange({ result }: { result: ProbeResultDoc }) {
  const { preflight, actual } = result;
  return (
    <details className="rounded-md border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Raw requests and responses</summary>
      <div className="mt-3 flex flex-col gap-4">
        {preflight.request ? (
          <Exchange title="Preflight" request={preflight.request} status={preflight.status} headers={preflight.headers} error={preflight.error} />
        ) : (
          <p className="text-xs text-slate-600">No preflight: this is a simple request (CORS-safelisted method and headers).</p>
        )}
        {actual ? (
          <Exchange title="Actual request" request={actual.request} status={actual.status} headers={actual.headers} error={actual.error} />
        ) : (
          <p className="text-xs text-slate-600">The actual request was not sent by the probe.</p>
        )}
      </div>
    </details>
  );
}
