import type { Metadata } from "next";
import { ErrorPanel } from "@/components/ui/error-panel";

export const metadata: Metadata = { title: "Not found" };

/** notFound() inside the signed-in pages, e.g. an article id that does not exist. */
export default function NotFound() {
  return (
    <ErrorPanel tabTitle="Not found · Galley" code="404" title="We could not find that" homeLabel="Back to articles">
      <p>No article or page has this address. Check the link, or find the article from the list.</p>
    </ErrorPanel>
  );
}
