"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useProject } from "@/lib/queries/projects";
import { Badge } from "@/components/ui/badge";

const enc = encodeURIComponent;
export const environmentHref = (project: string, environment: string, page?: "history") =>
  `/projects/${enc(project)}/${enc(environment)}${page ? `/${page}` : ""}`;

/** Names of a project and one of its environments, from the project query (slugs until it loads). */
export function useEnvironmentNames(project: string, environment: string) {
  const { data } = useProject(project);
  const env = data?.project.environments.find((e) => e.slug === environment);
  return {
    projectName: data?.project.name ?? project,
    environmentName: env?.name ?? environment,
    protected: env?.protected,
    environments: data?.project.environments ?? [],
  };
}

/** Breadcrumb, title and the Draft / History tabs of an environment. */
export function EnvironmentHeader({
  project,
  environment,
  current,
  isProtected,
  meta,
}: {
  project: string;
  environment: string;
  current: "draft" | "history";
  isProtected?: boolean;
  meta?: ReactNode;
}) {
  const names = useEnvironmentNames(project, environment);
  const protectedFlag = isProtected ?? names.protected;
  const tabs = [
    { key: "draft", label: "Draft", href: environmentHref(project, environment) },
    { key: "history", label: "History", href: environmentHref(project, environment, "history") },
  ] as const;
  return (
    <div className="mb-4 flex flex-col gap-3">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/" className="hover:underline">
              Projects
            </Link>
          </li>
          <li aria-hidden>/</li>
          <li className="min-w-0 break-words">
            <Link href={`/projects/${enc(project)}`} className="hover:underline">
              {names.projectName}
            </Link>
          </li>
          <li aria-hidden>/</li>
          <li className="min-w-0 break-words text-slate-900" aria-current="page">
            {names.environmentName}
          </li>
        </ol>
      </nav>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="min-w-0 break-words text-2xl font-semibold tracking-tight text-slate-900">
          {names.projectName} · {names.environmentName}
        </h1>
        {protectedFlag ? <Badge tone="amber">protected</Badge> : null}
      </div>
      {meta ? <div className="text-sm text-slate-700">{meta}</div> : null}
      {names.environments.length > 1 ? (
        <nav aria-label="Environments" className="flex flex-wrap gap-1 text-sm">
          {names.environments.map((e) => (
            <Link
              key={e.slug}
              href={environmentHref(project, e.slug, current === "history" ? "history" : undefined)}
              aria-current={e.slug === environment ? "page" : undefined}
              className={`rounded-full px-3 py-1 ring-1 ring-inset ${e.slug === environment ? "bg-slate-800 text-white ring-slate-800" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
            >
              {e.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <nav aria-label="Environment pages" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={tab.key === current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab.key === current ? "border-indigo-600 text-indigo-800" : "border-transparent text-slate-700 hover:text-slate-900"}`}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
