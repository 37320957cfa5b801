"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ChangePasswordRequest, IssuedPasswordReset, SessionInfo } from "@/lib/api/schemas/password";
import { apiFetch } from "@/lib/queries/api-fetch";

export const sessionsQuery = () => queryOptions({ queryKey: ["me", "sessions"], queryFn: () => apiFetch<{ sessions: SessionInfo[] }>("/api/v1/me/sessions") });
export const useSessions = () => useQuery(sessionsQuery());

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordRequest) => apiFetch<{ signedOutSessions: number }>("/api/v1/me/password", { method: "POST", body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["me", "sessions"] }),
  });
}

/** `keep: "current"` signs out everywhere but here; `"none"` everywhere, here too. */
export function useRevokeSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keep: "current" | "none") => apiFetch<{ signedOutSessions: number }>(`/api/v1/me/sessions?keep=${keep}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["me", "sessions"] }),
  });
}

export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ signedOutSessions: number }>(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["me", "sessions"] }),
  });
}

export function useIssuePasswordReset() {
  return useMutation({
    mutationFn: (userId: string) => apiFetch<IssuedPasswordReset>(`/api/v1/users/${encodeURIComponent(userId)}/password-reset`, { method: "POST" }),
  });
}
