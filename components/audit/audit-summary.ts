// An audit event in one sentence, the way a person would say it:
// "removed https://admin.example.com from payments-api/staging",
// "changed the role of alice@example.com: viewer → editor".
// Pure: the event as the API returns it (with its names resolved) in, text out.

import type { AuditEvent } from "@/lib/api/schemas/audit";
import { diffValues } from "@/components/audit/audit-diff";
import { SETTING_LABELS } from "@/components/editor/draft-model";

type Doc = Record<string, unknown>;

const asDoc = (v: unknown): Doc => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Doc) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** "a", "a and b", "a, b and c", "a, b, c and 4 more". */
export function listInWords(items: readonly string[], max = 3): string {
  if (items.length === 0) return "";
  if (items.length === 1) return items[0] as string;
  if (items.length <= max) return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/** The `value` of each origin entry (`{value, note, expiresAt}`) of a list, or of plain strings. */
function originValues(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((o) => (typeof o === "string" ? [o] : str(asDoc(o).value) ? [asDoc(o).value as string] : []));
}


/** A value as words, never as JSON: lists joined, booleans as allowed/off, nothing as "none". */
export function valueInWords(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (typeof v === "boolean") return v ? "on" : "off";
  if (typeof v === "string") return v === "" ? "empty" : v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) {
    const values = v.map((x) => (typeof x === "string" || typeof x === "number" ? String(x) : (str(asDoc(x).value) ?? str(asDoc(x).slug) ?? str(asDoc(x).name) ?? "…")));
    return values.length === 0 ? "none" : listInWords(values, 5);
  }
  const d = asDoc(v);
  const named = str(d.value) ?? str(d.slug) ?? str(d.name) ?? str(d.email);
  if (named) return named;
  return `${Object.keys(d).length} fields`;
}

/** What a policy change did, from the audit entry's before/after (only what changed is in them). */
function policyChanges(before: Doc, after: Doc): string[] {
  const parts: string[] = [];
  const added = originValues(after.origins);
  const removed = originValues(before.origins);
  const changed = originValues(after.changedOrigins);
  if (added.length > 0) parts.push(`added ${listInWords(added)}`);
  if (removed.length > 0) parts.push(`removed ${listInWords(removed)}`);
  if (changed.length > 0) parts.push(`changed the note or expiry of ${listInWords(changed)}`);
  for (const [field, label] of Object.entries(SETTING_LABELS)) {
    if (field in before || field in after) parts.push(`${label}: ${valueInWords(before[field])} → ${valueInWords(after[field])}`);
  }
  return parts;
}

/**
 * A policy change as a sentence about one place: "added X to shop/prod",
 * "removed X from shop/prod", or "in shop/prod: added X; methods: GET → GET, PUT".
 */
function policySentence(before: Doc, after: Doc, where: string): string | null {
  const parts = policyChanges(before, after);
  if (parts.length === 0) return null;
  const added = originValues(after.origins);
  const removed = originValues(before.origins);
  if (parts.length === 1 && added.length > 0) return `added ${listInWords(added)} to ${where}`;
  if (parts.length === 1 && removed.length > 0) return `removed ${listInWords(removed)} from ${where}`;
  return `in ${where}: ${parts.join("; ")}`;
}

/** The project/environment the event is about, or its target in words, or its kind and short id. */
function place(e: AuditEvent): string {
  if (e.project && e.environment) return `${e.project}/${e.environment}`;
  if (e.targetLabel) return e.targetLabel;
  if (e.project) return e.project;
  return e.targetId ? `${e.targetType} ${e.targetId.slice(0, 8)}` : e.targetType;
}

/** The target in words: the user's email, the token's name… (or the name it had in the event, or its short id). */
function targetName(e: AuditEvent, recorded: unknown): string {
  return e.targetLabel ?? str(recorded) ?? (e.targetId ? `${e.targetType} ${e.targetId.slice(0, 8)}` : e.targetType);
}

/** The first few field differences in words, for events without a sentence of their own. */
function genericChanges(e: AuditEvent): string | null {
  const rows = diffValues(e.before, e.after).filter((r) => r.path !== "revision");
  if (rows.length === 0) return null;
  const words = rows.slice(0, 2).map((r) =>
    r.kind === "added" ? `${r.path}: ${valueInWords(r.after)}` : r.kind === "removed" ? `${r.path} removed (was ${valueInWords(r.before)})` : `${r.path}: ${valueInWords(r.before)} → ${valueInWords(r.after)}`,
  );
  return `${words.join("; ")}${rows.length > 2 ? ` and ${rows.length - 2} more changes` : ""}`;
}

/** The event in one human sentence (without the actor and time, which the row shows). */
export function summarizeAuditEvent(e: AuditEvent): string {
  const before = asDoc(e.before);
  const after = asDoc(e.after);
  const where = place(e);
  switch (e.action) {
    case "draft.save":
      return policySentence(before, after, `the draft of ${where}`) ?? `saved the draft of ${where} (no change)`;
    case "draft.add-origins":
      return policySentence(before, after, `the draft of ${where}`) ?? `added nothing new to the draft of ${where}`;
    case "draft.promote": {
      const from = str(after.from);
      const sentence = policySentence(before, after, `the draft of ${where}`) ?? `promoted nothing new to ${where}`;
      return from ? `${sentence} (from ${from}'s ${after.source === "draft" ? "draft" : "live version"})` : sentence;
    }
    case "draft.import":
      return `imported into the draft of ${where}${policyChanges(before, after).length > 0 ? `: ${policyChanges(before, after).join("; ")}` : ""}`;
    case "migration_check.apply": {
      const expired = asDoc(after.expired);
      const parts = [policySentence(before, after, `the draft of ${where}`) ?? `applied a migration check to the draft of ${where}`];
      if (str(expired.value)) parts.push(`${expired.value} now expires ${str(expired.expiresAt) ? `on ${(expired.expiresAt as string).slice(0, 10)}` : "never"}`);
      return parts.join("; ");
    }
    case "policy.publish": {
      const version = num(after.version);
      const changes = policyChanges(before, after);
      return `published ${version === null ? "a new version" : `version ${version}`} of ${where}${changes.length > 0 ? `: ${changes.join("; ")}` : ""}`;
    }
    case "policy.rollback": {
      const changes = policyChanges(before, after);
      const to = num(after.rollbackOf);
      const version = num(after.version);
      return `rolled ${where} back to version ${to ?? "?"}${version === null ? "" : ` (published as version ${version})`}${changes.length > 0 ? `: ${changes.join("; ")}` : ""}`;
    }
    case "change-request.create": {
      const changes = policyChanges(before, after);
      const rollbackOf = num(after.rollbackOf);
      const what = rollbackOf === null ? `asked to publish ${where}` : `asked to roll ${where} back to version ${rollbackOf}`;
      return `${what}${changes.length > 0 ? `: ${changes.join("; ")}` : ""}`;
    }
    case "change-request.approve": {
      const version = num(after.version);
      return `approved the change to ${where}${version === null ? "" : `, published as version ${version}`}`;
    }
    case "change-request.reject":
      return `rejected the change to ${where}${str(after.comment) ? `: “${after.comment}”` : ""}`;
    case "change-request.withdraw":
      return `withdrew the change to ${where}`;
    case "project.create": {
      const envs = Array.isArray(after.environments) ? valueInWords(after.environments) : null;
      return `created project ${str(after.slug) ?? where}${str(after.name) && after.name !== after.slug ? ` (${after.name})` : ""}${envs && envs !== "none" ? ` with environments ${envs}` : ""}`;
    }
    case "project.archive":
      return `archived project ${where}`;
    case "project.unarchive":
      return `unarchived project ${where}`;
    case "project.update": {
      if (before.name !== after.name && "name" in after) return `renamed project ${where}: ${valueInWords(before.name)} → ${valueInWords(after.name)}`;
      const changes = genericChanges(e);
      return `changed project ${where}${changes ? `: ${changes}` : ""}`;
    }
    case "project.import":
      return `imported project ${str(after.slug) ?? where}${str(after.mode) ? ` (${after.mode})` : ""}`;
    case "environment.create":
      return `created environment ${where}${after.protected === true ? " (protected)" : ""}`;
    case "environment.update": {
      const changes = genericChanges(e);
      return `changed environment ${where}${changes ? `: ${changes}` : ""}`;
    }
    case "environment.protect":
      return `protected ${where}: publishing now needs a second person's approval`;
    case "environment.unprotect":
      return `unprotected ${where}`;
    case "environment.reorder":
      return `reordered the environments of ${where}: ${valueInWords(after.order)}`;
    case "user.create":
    case "setup.first-admin":
    case "bootstrap.admin": {
      const who = targetName(e, after.email);
      const role = str(after.role);
      return `${e.action === "user.create" ? "created user" : "created the first admin,"} ${who}${role && e.action === "user.create" ? ` as ${role}` : ""}`;
    }
    case "user.update":
    case "user.role-change":
    case "user.disable":
    case "user.enable": {
      const who = targetName(e, after.email ?? before.email);
      const parts: string[] = [];
      if (before.disabled !== after.disabled) parts.push(after.disabled ? `disabled ${who}` : `enabled ${who}`);
      if (before.role !== after.role) parts.push(`changed the role of ${who}: ${valueInWords(before.role)} → ${valueInWords(after.role)}`);
      if (before.name !== after.name) parts.push(`renamed ${who}: ${valueInWords(before.name)} → ${valueInWords(after.name)}`);
      return parts.length > 0 ? parts.join("; ") : `updated ${who} (no change)`;
    }
    case "user.sso-create":
      return `signed in with single sign-on for the first time: created ${targetName(e, after.email)} as ${valueInWords(after.role)}`;
    case "user.sso-role":
      return `signed in with single sign-on: the role of ${targetName(e, after.email ?? before.email)} follows the ${str(after.claim) ?? "role"} claim, ${valueInWords(before.role)} → ${valueInWords(after.role)}`;
    case "token.create":
    case "token.init": {
      const scope = str(after.scope);
      const forWhere = str(after.project) ? ` for ${after.project}${str(after.environment) ? `/${after.environment}` : ""}` : "";
      return `created API token ${targetName(e, after.name)}${scope ? ` (${scope === "config_read" ? "reads the config" : scope}${forWhere})` : ""}${e.action === "token.init" ? " from the server's settings" : ""}`;
    }
    case "token.revoke":
      return `revoked API token ${targetName(e, before.name ?? after.name)}`;
    case "saved_check.create":
      return `added saved check “${str(after.name) ?? "?"}” to ${where}`;
    case "saved_check.update": {
      const changes = genericChanges(e);
      return `changed saved check “${str(after.name) ?? str(before.name) ?? "?"}” of ${where}${changes ? `: ${changes}` : ""}`;
    }
    case "saved_check.delete":
      return `deleted saved check “${str(before.name) ?? "?"}” of ${where}`;
    case "probe_record.create":
      return `saved a tester result: ${str(after.method) ?? "GET"} ${str(after.url) ?? "?"} from ${str(after.origin) ?? "?"}${str(after.verdict) ? `, ${after.verdict}` : ""}`;
    case "migration_check.run": {
      const targets = Array.isArray(after.targets) ? after.targets.length : null;
      return `ran a migration check from ${str(after.oldOrigin) ?? "?"} to ${str(after.newOrigin) ?? "?"}${targets === null ? "" : ` on ${targets} ${targets === 1 ? "environment" : "environments"}`}`;
    }
    case "seed.demo":
      return `created the demo project ${str(after.slug) ?? where}`;
    default: {
      const changes = genericChanges(e);
      return `${e.action} ${where}${changes ? `: ${changes}` : ""}`;
    }
  }
}
