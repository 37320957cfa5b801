import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { SearchPage } from "@/components/search/search-results";
import { Loading } from "@/components/ui/states";

export const metadata = { title: "Search" };

export default function Search() {
  return (
    <>
      <PageHeader title="Where is an origin allowed?" description="Search every project and environment before retiring a domain." />
      <Suspense fallback={<Loading />}>
        <SearchPage />
      </Suspense>
    </>
  );
}
