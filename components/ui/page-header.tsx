import type { ReactNode } from "react";

/** A signed-in page's heading and the sentence under it that says what the page holds. */
export function PageHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        <p className="muted">{children}</p>
      </div>
    </div>
  );
}
