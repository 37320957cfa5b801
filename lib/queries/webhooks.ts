"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateWebhookRequest, UpdateWebhookRequest, Webhook, WebhookDelivery } from "@/lib/api/schemas/webhook";
import { apiFetch } from "@/lib/queries/api-fetch";

export const webhooksQuery = () => queryOptions({ queryKey: ["webhooks"], queryFn: () => apiFetch<{ webhooks: Webhook[] }>("/api/v1/webhooks") });
export const deliveriesQuery = (id: string) =>
  queryOptions({ queryKey: ["webhooks", id, "deliveries"], queryFn: () => apiFetch<{ deliveries: WebhookDelivery[] }>(`/api/v1/webhooks/${encodeURIComponent(id)}/deliveries`), refetchInterval: 5_000 });

export const useWebhooks = () => useQuery(webhooksQuery());
export const useDeliveries = (id: string) => useQuery(deliveriesQuery(id));

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWebhookRequest) => apiFetch<{ webhook: Webhook; secret: string }>("/api/v1/webhooks", { method: "POST", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["webhooks"] }),
  });
}

export function useUpdateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateWebhookRequest & { id: string }) => apiFetch<{ webhook: Webhook }>(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["webhooks"] }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ webhook: Webhook }>(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["webhooks"] }),
  });
}

export function useSendTest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ delivery: WebhookDelivery }>(`/api/v1/webhooks/${encodeURIComponent(id)}/test`, { method: "POST" }),
    onSettled: (_d, _e, id) => qc.invalidateQueries({ queryKey: ["webhooks"] }).then(() => qc.invalidateQueries({ queryKey: ["webhooks", id, "deliveries"] })),
  });
}
