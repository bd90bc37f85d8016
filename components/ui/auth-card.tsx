import type { ReactNode } from "react";

/** The centred card of /login and /signout: the wordmark, a heading, then the page's own content. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="wordmark wordmark-large" aria-hidden="true">
          Galley
        </p>
        <h1 className="auth-title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
