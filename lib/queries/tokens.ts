"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatedToken, CreateTokenRequest, Token } from "@/lib/api/schemas/token";
import { apiFetch } from "@/lib/queries/api-fetch";

export const tokensQuery = () => queryOptions({ queryKey: ["tokens"], queryFn: () => apiFetch<{ tokens: Token[] }>("/api/v1/tokens") });
export const useTokens = () => useQuery(tokensQuery());

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenRequest) => apiFetch<CreatedToken>("/api/v1/tokens", { method: "POST", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tokens"] }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ token: Token }>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tokens"] }),
  });
}
