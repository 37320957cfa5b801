import type { HttpMethod } from "@/lib/api/route-spec";

/**
 * Which route a request path is, by the route keys (`METHOD /path` with
 * `{param}` for one segment and `{...rest}` for one or more), resolved as
 * Next's router resolves them: a static segment wins over a dynamic one,
 * a dynamic one over a catch-all. Used ahead of the router (proxy.ts) to
 * answer unknown API paths (404) and wrong methods (405 with Allow) as
 * problem documents instead of Next's HTML page and bare 405.
 */
export type RouteMatch = { readonly kind: "found"; readonly template: string; readonly allow: readonly string[] } | { readonly kind: "no-route" } | { readonly kind: "wrong-method"; readonly template: string; readonly allow: readonly string[] };

interface Template {
  readonly path: string;
  readonly segments: readonly string[];
  readonly methods: ReadonlySet<string>;
}

/** Rank of a template segment: lower is more specific. */
function rank(segment: string): number {
  if (segment.startsWith("{...")) return 2;
  return segment.startsWith("{") ? 1 : 0;
}

function matches(template: readonly string[], path: readonly string[]): boolean {
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    if (t.startsWith("{...")) return path.length > i;
    if (i >= path.length) return false;
    if (!t.startsWith("{") && t !== path[i]) return false;
  }
  return template.length === path.length;
}

/** Segment by segment, the more specific template first. */
function compare(a: Template, b: Template): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = rank(a.segments[i] ?? "") - rank(b.segments[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

export function createRouteMatcher(keys: Iterable<string>): (method: string, pathname: string) => RouteMatch {
  const byPath = new Map<string, Set<string>>();
  for (const key of keys) {
    const space = key.indexOf(" ");
    const path = key.slice(space + 1);
    let methods = byPath.get(path);
    if (!methods) byPath.set(path, (methods = new Set()));
    methods.add(key.slice(0, space) as HttpMethod);
  }
  const templates: Template[] = [...byPath].map(([path, methods]) => ({ path, segments: path.split("/").slice(1), methods })).sort(compare);
  return (method, pathname) => {
    const segments = pathname.split("/").slice(1);
    const template = templates.find((t) => matches(t.segments, segments));
    if (!template) return { kind: "no-route" };
    const allow = [...template.methods];
    // Next answers HEAD for every GET handler and OPTIONS for every route itself.
    if (template.methods.has("GET")) allow.push("HEAD");
    allow.push("OPTIONS");
    return allow.includes(method.toUpperCase()) ? { kind: "found", template: template.path, allow } : { kind: "wrong-method", template: template.path, allow };
  };
}
