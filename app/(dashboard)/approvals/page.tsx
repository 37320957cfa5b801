import { PageHeader } from "@/components/layout/page-header";
import { ApprovalList } from "@/components/approvals/approval-list";

export const metadata = { title: "Approvals" };

/** Change requests to protected environments, reviewed by a second person. */
export default function ApprovalsPage() {
  return (
    <>
      <PageHeader title="Approvals" description="Changes to protected environments go live only when someone other than their author approves them." />
      <ApprovalList />
    </>
  );
}
