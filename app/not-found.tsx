import type { Metadata } from "next";
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";

export const metadata: Metadata = { title: "Page not found" };

/** Any URL Galley does not know. */
export default function NotFound() {
  return (
    <main id="main" className="page page-narrow">
      <Link href="/" className="wordmark standalone-wordmark">
        Galley
      </Link>
      <ErrorPanel
        code="404"
        title="There is no page here"
        actions={
          <>
            <Link href="/" className="button button-primary">
              Go to articles
            </Link>
            <Link href="/login" className="button button-secondary">
              Sign in
            </Link>
          </>
        }
      >
        <p>The address may be mistyped, or the page may have moved. Articles live at /articles/ followed by their id.</p>
      </ErrorPanel>
    </main>
  );
}
