import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Loading } from "@/components/ui/states";
import { TesterPage } from "@/components/tester/tester-page";

export const metadata = { title: "Tester" };

export default function TesterRoute() {
  return (
    <>
      <PageHeader
        title="Tester"
        description="Send a real cross-origin request from this browser, see what the browser did, and why — the server probes the same request and walks through the Fetch Standard's checks."
      />
      <Suspense fallback={<Loading label="Loading the tester…" />}>
        <TesterPage />
      </Suspense>
    </>
  );
}
