import { problemSchema, type FieldError, type Problem } from "@/lib/api/problem";

/** An API answer that was not 2xx, carrying the problem document the server sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem & Record<string, unknown>,
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }

  /** The message for one field (e.g. `body.email`), to show next to its input. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e: FieldError) => e.field === field)?.message;
  }
}

/** fetch + JSON for the management API: same-origin, session cookie, problem documents as ApiError. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const parsed = problemSchema.loose().safeParse(data);
    throw new ApiError(
      res.status,
      parsed.success ? parsed.data : { type: "about:blank", title: res.statusText || "Error", status: res.status, code: "unknown", detail: `The server answered ${res.status}.` },
    );
  }
  return data as T;
}
