import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/layout/site-header";
import { ErrorPanel } from "@/components/ui/error-panel";
import { StandalonePage } from "@/components/ui/standalone-page";
import { getCurrentUser } from "./_lib/current-user";

export const metadata: Metadata = { title: "Page not found" };

/** Any URL Galley does not know. Someone signed in keeps the header; only a visitor is offered "Sign in". */
export default async function NotFound() {
  const user = await getCurrentUser();
  const panel = (
    <ErrorPanel
      code="404"
      title="There is no page here"
      homeLabel="Go to articles"
      actions={
        !user && (
          <Link href="/login" className="button button-secondary">
            Sign in
          </Link>
        )
      }
    >
      <p>The address may be mistyped, or the page may have moved. Check the link, or find the article from the list.</p>
    </ErrorPanel>
  );
  if (!user) return <StandalonePage>{panel}</StandalonePage>;
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="page">
        {panel}
      </main>
    </>
  );
}
