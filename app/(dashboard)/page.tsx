import { PageHeader } from "@/components/layout/page-header";
import { ProjectList } from "@/components/projects/project-list";
import { OriginSearchBox } from "@/components/search/origin-search-box";

export const metadata = { title: "Projects" };

export default function ProjectsPage() {
  return (
    <>
      <PageHeader title="Projects" description="Services and APIs, with the origins each environment allows." actions={<OriginSearchBox />} />
      <ProjectList />
    </>
  );
}
