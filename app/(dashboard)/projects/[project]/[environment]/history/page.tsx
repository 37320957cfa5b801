import type { Metadata } from "next";
import { VersionHistory } from "@/components/history/version-history";

export async function generateMetadata({ params }: { params: Promise<{ project: string; environment: string }> }): Promise<Metadata> {
  const { project, environment } = await params;
  return { title: `History of ${decodeURIComponent(environment)} · ${decodeURIComponent(project)}` };
}

/** Every published version of an environment, with its diff, and rollback. */
export default async function EnvironmentHistoryPage({ params }: { params: Promise<{ project: string; environment: string }> }) {
  const { project, environment } = await params;
  return <VersionHistory project={decodeURIComponent(project)} environment={decodeURIComponent(environment)} />;
}
