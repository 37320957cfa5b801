"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Alert, ErrorState, Loading } from "@/components/ui/states";
import { useRevokeSession, useRevokeSessions, useSessions } from "@/lib/queries/account";

/** A readable name for a User-Agent: browser and system, roughly. */
function describeAgent(agent: string | null): string {
  if (!agent) return "Unknown client";
  const browser = /Edg\//.test(agent) ? "Edge" : /Firefox\//.test(agent) ? "Firefox" : /Chrom(e|ium)\//.test(agent) ? "Chrome" : /Safari\//.test(agent) ? "Safari" : agent.split(" ")[0] ?? agent;
  const system = /Android/.test(agent) ? "Android" : /iPhone|iPad/.test(agent) ? "iOS" : /Mac OS X/.test(agent) ? "macOS" : /Windows/.test(agent) ? "Windows" : /Linux/.test(agent) ? "Linux" : null;
  return system ? `${browser} on ${system}` : browser;
}

export function SessionsList() {
  const router = useRouter();
  const { data, error, isPending, refetch } = useSessions();
  const revokeAll = useRevokeSessions();
  const revokeOne = useRevokeSession();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  if (isPending) return <Loading label="Loading sessions…" />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const others = data.sessions.filter((s) => !s.current).length;

  async function signOut(keep: "current" | "none") {
    try {
      const { signedOutSessions } = await revokeAll.mutateAsync(keep);
      if (keep === "none") {
        router.replace("/login");
        router.refresh();
        return;
      }
      setMessage({ tone: "success", text: `${signedOutSessions} other session${signedOutSessions === 1 ? "" : "s"} signed out.` });
    } catch (e) {
      setMessage({ tone: "error", text: e instanceof Error ? e.message : "Could not sign out." });
    }
  }

  return (
    <div className="flex flex-col gap-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ul className="divide-y divide-slate-100" aria-label="Sessions">
        {data.sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                {describeAgent(s.userAgent)} {s.current ? <Badge tone="green">this browser</Badge> : null}
              </p>
              <p className="text-xs text-slate-600">
                {s.ipAddress ?? "address unknown"} · signed in <RelativeTime iso={s.createdAt} /> · last active <RelativeTime iso={s.updatedAt} />
              </p>
            </div>
            {s.current ? null : (
              <Button variant="secondary" onClick={() => revokeOne.mutate(s.id, { onError: (e) => setMessage({ tone: "error", text: e.message }) })}>
                Sign out<span className="sr-only"> {describeAgent(s.userAgent)} signed in {s.createdAt}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={others === 0} busy={revokeAll.isPending && revokeAll.variables === "current"} onClick={() => void signOut("current")}>
          Sign out everywhere else
        </Button>
        <Button variant="danger" busy={revokeAll.isPending && revokeAll.variables === "none"} onClick={() => void signOut("none")}>
          Sign out everywhere
        </Button>
      </div>
    </div>
  );
}
