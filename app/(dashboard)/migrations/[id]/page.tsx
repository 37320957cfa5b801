import { ReportView } from "@/components/migrations/report-view";

export const metadata = { title: "Migration check" };

/** One saved migration check. */
export default async function MigrationReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReportView id={decodeURIComponent(id)} />;
}
