import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { Loading } from "@/components/ui/states";
import { AuditTable } from "@/components/audit/audit-table";

export const metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Every change, who made it and when, with the state before and after." />
      <Card>
        <Suspense fallback={<Loading label="Loading audit log…" />}>
          <AuditTable />
        </Suspense>
      </Card>
    </>
  );
}
