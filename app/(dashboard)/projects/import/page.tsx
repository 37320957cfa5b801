import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { ImportForm } from "@/components/import-export/import-form";

export const metadata = { title: "Import project" };

export default function ImportPage() {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/" className="hover:underline">
          Projects
        </Link>{" "}
        / <span className="text-slate-900">Import</span>
      </nav>
      <PageHeader title="Import a project" description="From a document written by “Export JSON”: as a new project, or as new drafts of an existing one." />
      <Card>
        <ImportForm />
      </Card>
    </>
  );
}
