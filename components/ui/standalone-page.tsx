import Link from "next/link";
import type { ReactNode } from "react";

/** A page outside the signed-in frame (no header): the wordmark leads home. */
export function StandalonePage({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="page page-narrow">
      <Link href="/" className="wordmark standalone-wordmark">
        Galley
      </Link>
      {children}
    </main>
  );
}
