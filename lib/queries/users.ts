"use client";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateUserRequest, Me, UpdateUserRequest, User } from "@/lib/api/schemas/user";
import { apiFetch } from "@/lib/queries/api-fetch";

export const meQuery = () => queryOptions({ queryKey: ["me"], queryFn: () => apiFetch<Me>("/api/v1/me") });
export const usersQuery = () => queryOptions({ queryKey: ["users"], queryFn: () => apiFetch<{ users: User[] }>("/api/v1/users") });

export const useMe = () => useQuery(meQuery());
export const useUsers = () => useQuery(usersQuery());

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserRequest) => apiFetch<{ user: User }>("/api/v1/users", { method: "POST", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserRequest & { id: string }) => apiFetch<{ user: User }>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    // Optimistic: the new role shows at once, and is put back if the server refuses.
    onMutate: async ({ id, ...input }) => {
      await qc.cancelQueries({ queryKey: ["users"] });
      const previous = qc.getQueryData<{ users: User[] }>(["users"]);
      if (previous) {
        qc.setQueryData<{ users: User[] }>(["users"], {
          users: previous.users.map((u) =>
            u.id === id ? { ...u, ...(input.role ? { role: input.role } : {}), ...(input.disabled === undefined ? {} : { disabled: input.disabled }) } : u,
          ),
        });
      }
      return { previous };
    },
    onError: (_e, _v, context) => {
      if (context?.previous) qc.setQueryData(["users"], context.previous);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}
