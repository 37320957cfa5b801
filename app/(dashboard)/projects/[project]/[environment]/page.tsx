import type { Metadata } from "next";
import { EnvironmentEditor } from "@/components/editor/environment-editor";

export async function generateMetadata({ params }: { params: Promise<{ project: string; environment: string }> }): Promise<Metadata> {
  const { project, environment } = await params;
  return { title: `${decodeURIComponent(environment)} · ${decodeURIComponent(project)}` };
}

/** One environment's draft policy: edit, lint as you type, save, publish. */
export default async function EnvironmentPage({ params }: { params: Promise<{ project: string; environment: string }> }) {
  const { project, environment } = await params;
  return <EnvironmentEditor project={decodeURIComponent(project)} environment={decodeURIComponent(environment)} />;
}
