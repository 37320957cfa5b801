import { Suspense } from "react";
import { CompareView } from "@/components/compare/compare-view";
import { Loading } from "@/components/ui/states";

export const metadata = { title: "Compare & promote" };

export default async function ComparePage({ params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  return (
    <Suspense fallback={<Loading />}>
      <CompareView slug={project} />
    </Suspense>
  );
}
