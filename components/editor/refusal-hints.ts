import type { ObservedRefusals } from "@/lib/api/schemas/config";

/** The settings a refusal hint is shown by. */
export type HintField = "allowedMethods" | "allowedHeaders" | "allowCredentials" | "allowPrivateNetwork" | "noOrigin";
export type RefusalHints = Partial<Record<HintField, string[]>>;

/**
 * The editor's "services say why" hints: what services refused in the last
 * hour, as one sentence per reason, next to the setting that would fix it.
 * Origin refusals get none here (the observed-origins list shows them).
 */
export function refusalHints(data: Pick<ObservedRefusals, "refusals" | "windowMinutes"> | undefined): RefusalHints {
  const hints: RefusalHints = {};
  if (!data) return hints;
  const when = data.windowMinutes === 60 ? "in the last hour" : `in the last ${data.windowMinutes} minutes`;
  const add = (field: HintField, text: string) => (hints[field] ??= []).push(text);
  for (const r of data.refusals) {
    const times = `(${r.count.toLocaleString("en-US")}× ${when})`;
    switch (r.kind) {
      case "method":
        add("allowedMethods", `Services refused ${r.detail} preflights from an allowed origin ${times}.`);
        break;
      case "headers":
        add("allowedHeaders", `Services refused preflights asking for ${r.detail} from an allowed origin ${times}.`);
        break;
      case "credentials":
        add("allowCredentials", `Services got requests with cookies from an allowed origin while credentials are off; the browser hid the responses ${times}.`);
        break;
      case "private-network":
        add("allowPrivateNetwork", `Services refused Private Network Access preflights from an allowed origin ${times}.`);
        break;
      case "no-origin":
        add("noOrigin", `Services refused requests without an Origin header ${times}.`);
        break;
      case "origin":
        break;
    }
  }
  return hints;
}
