import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "./test-env.mjs";

export const adminAuth = { authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

/** Assert an RFC 9457 problem answer with this status; returns its body. */
export async function expectProblem(res: APIResponse, status: number): Promise<{ code: string; detail?: string; errors?: { field: string; message: string; code: string }[] }> {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const body = (await res.json()) as { code: string; status: number; detail?: string; errors?: { field: string; message: string; code: string }[] };
  expect(body.status).toBe(status);
  return body;
}

/** Sign in through better-auth like the browser does (it checks Origin on POSTs). */
export async function signIn(request: APIRequestContext, baseURL: string, email: string, password: string): Promise<void> {
  const res = await request.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin: baseURL } });
  expect(res.status(), await res.text()).toBe(200);
}

let counter = 0;
/** A unique email per call, so tests never collide. */
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}@corsboard.test`;
