import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { SavedResultView } from "@/components/tester/saved-result-view";

export const metadata = { title: "Saved tester result" };

export default async function SavedResultRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <PageHeader
        title="Saved tester result"
        description="A tester run as it was saved: read-only. “Run again” opens the tester with the same request."
        actions={
          <Link href="/tester" className="text-sm font-medium text-indigo-700 underline">
            Back to the tester
          </Link>
        }
      />
      <SavedResultView id={id} />
    </>
  );
}
