import type { Metadata } from "next";
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";

export const metadata: Metadata = { title: "No access" };

/** 403 outside the signed-in pages (they have their own, with the header). */
export default function Forbidden() {
  return (
    <main id="main" className="page page-narrow">
      <Link href="/" className="wordmark standalone-wordmark">
        Galley
      </Link>
      <ErrorPanel
        code="403"
        title="You do not have access to this page"
        actions={
          <Link href="/" className="button button-primary">
            Go to articles
          </Link>
        }
      >
        <p>Your role does not allow this. If you need it, ask an administrator.</p>
      </ErrorPanel>
    </main>
  );
}
