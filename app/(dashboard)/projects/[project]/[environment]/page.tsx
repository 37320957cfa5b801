import type { Metadata } from "next";
import { EnvironmentEditor } from "@/components/editor/environment-editor";
import { ConnectService } from "@/components/connect/connect-service";
import { Card } from "@/components/ui/card";
import { configuredPublicUrl } from "@/lib/server/env";

export async function generateMetadata({ params }: { params: Promise<{ project: string; environment: string }> }): Promise<Metadata> {
  const { project, environment } = await params;
  return { title: `${decodeURIComponent(environment)} · ${decodeURIComponent(project)}` };
}

/** One environment's draft policy: edit, lint as you type, save, publish. */
export default async function EnvironmentPage({ params }: { params: Promise<{ project: string; environment: string }> }) {
  const { project, environment } = await params;
  const p = decodeURIComponent(project);
  const e = decodeURIComponent(environment);
  return (
    <>
      <EnvironmentEditor project={p} environment={e} />
      <section aria-label="Connect a service" className="mt-4">
        <Card title="Connect a service">
          <ConnectService project={p} environment={e} publicUrl={configuredPublicUrl()} />
        </Card>
      </section>
    </>
  );
}
