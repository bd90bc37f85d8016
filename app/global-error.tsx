"use client";

import "./globals.css";
import { ErrorRecovery, type ErrorBoundaryProps } from "@/components/ui/error-recovery";

/** The last resort, when even the root layout failed: it must bring its own html and body. */
export default function GlobalError(props: ErrorBoundaryProps) {
  return (
    <html lang="en">
      <body>
        <main id="main" className="page page-narrow">
          <p className="wordmark standalone-wordmark">Galley</p>
          <ErrorRecovery {...props} />
        </main>
      </body>
    </html>
  );
}
