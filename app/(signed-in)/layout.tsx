import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { getCurrentUser } from "../_lib/current-user";

/**
 * Every signed-in page: the header, then the page. The redirect to /login is
 * the page's job (requireUser), because only the page knows its own URL to
 * come back to; a layout and its page render side by side.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      {user && <SiteHeader user={user} />}
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
