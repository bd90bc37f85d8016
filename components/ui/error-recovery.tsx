"use client";

import Link from "next/link";
import { useEffect } from "react";
import { ErrorPanel } from "./error-panel";

/** What error.tsx shows: an apology, a way to retry, and a reference for the logs. */
export function ErrorRecovery({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    // The server already logged it; this helps whoever has the browser console open.
    console.error(error);
  }, [error]);
  return (
    <ErrorPanel
      code="Error"
      title="Something went wrong"
      actions={
        <>
          <button type="button" className="button button-primary" onClick={reset}>
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
