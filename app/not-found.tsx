import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/layout/site-header";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getCurrentUser } from "./_lib/current-user";

export const metadata: Metadata = { title: "Page not found" };

/** Any URL Galley does not know. Someone signed in keeps the header; only a visitor is offered "Sign in". */
export default async function NotFound() {
  const user = await getCurrentUser();
  return (
    <>
      {user && <SiteHeader user={user} />}
      <main id="main" className={user ? "page" : "page page-narrow"}>
        {!user && (
          <Link href="/" className="wordmark standalone-wordmark">
            Galley
          </Link>
        )}
        <ErrorPanel
          code="404"
          title="There is no page here"
          actions={
            <>
              <Link href="/" className="button button-primary">
                Go to articles
              </Link>
              {!user && (
                <Link href="/login" className="button button-secondary">
                  Sign in
                </Link>
              )}
            </>
          }
        >
          <p>The address may be mistyped, or the page may have moved. Check the link, or find the article from the list.</p>
        </ErrorPanel>
      </main>
    </>
  );
}
