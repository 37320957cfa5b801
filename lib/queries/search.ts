"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { SearchHit, SearchResult } from "@/lib/api/schemas/editing";
import { apiFetch } from "@/lib/queries/api-fetch";

export type { SearchHit };

/** Where is this origin (or part of one) allowed: exact entries, wildcards that match it, substrings; drafts and live. */
export const searchQuery = (origin: string) =>
  queryOptions({
    queryKey: ["search", origin],
    queryFn: ({ signal }) => apiFetch<SearchResult>(`/api/v1/search?${new URLSearchParams({ origin })}`, { signal }),
    enabled: origin.trim().length > 0,
  });

export const useSearch = (origin: string) => useQuery(searchQuery(origin));
