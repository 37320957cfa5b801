import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { MigrationForm } from "@/components/migrations/migration-form";
import { ReportList } from "@/components/migrations/report-list";

export const metadata = { title: "Migration checks" };

/** Domain migration checks: run one, and the saved reports. */
export default function MigrationsPage() {
  return (
    <>
      <PageHeader
        title="Migration checks"
        description="Moving a front end to a new domain? Probe every endpoint of an environment as the old and the new origin, beside what the published allowlist says, then add the new origin to the drafts in one click."
      />
      <div className="flex flex-col gap-4">
        <Card title="New check">
          <MigrationForm />
        </Card>
        <Card title="Saved reports">
          <ReportList />
        </Card>
      </div>
    </>
  );
}
