"use client";

import Link from "next/link";
import { useEffect } from "react";
import { ErrorPanel } from "./error-panel";

export interface ErrorBoundaryProps {
  error: Error & { digest?: string };
  /** Next's retry: fetches the failed segment from the server again (reset would only re-render what failed). */
  retry: () => void;
}

/** What error.tsx shows: an apology, a way to retry, and a reference for the logs. */
export function ErrorRecovery({ error, retry }: ErrorBoundaryProps) {
  useEffect(() => {
    // The server already logged it; this helps whoever has the browser console open.
    console.error(error);
  }, [error]);
  return (
    <ErrorPanel
      tabTitle="Something went wrong · Galley"
      code="Error"
      title="Something went wrong"
      actions={
        <>
          <button type="button" className="button button-primary" onClick={retry}>
            Try again
          </button>
          <Link href="/" className="button button-secondary">
            Go to articles
          </Link>
        </>
      }
    >
      <p>Galley could not finish this request. Your last change may not have been saved; try again in a moment.</p>
      {error.digest && (
        <p className="muted">
          If it keeps happening, tell your administrator this reference: <code>{error.digest}</code>
        </p>
      )}
    </ErrorPanel>
  );
}
