"use client";

import { ErrorRecovery, type ErrorBoundaryProps } from "@/components/ui/error-recovery";

/** Errors outside the signed-in pages (e.g. /login). */
export default function RootError(props: ErrorBoundaryProps) {
  return (
    <main id="main" className="page page-narrow">
      <p className="wordmark standalone-wordmark">Galley</p>
      <ErrorRecovery {...props} />
    </main>
  );
}
