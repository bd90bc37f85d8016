import Link from "next/link";
import type { ReactNode } from "react";

interface ErrorPanelProps {
  /** The HTTP status or a short tag, shown small above the title. */
  code: string;
  title: string;
  children: ReactNode;
  /** The label of the primary link back to the articles list ("/"), shown first among the actions. */
  homeLabel?: string;
  actions?: ReactNode;
  /**
   * The browser tab's title. Error boundaries cannot export metadata, and a page that
   * calls notFound() or forbidden() has often set its own; React hoists this into the head.
   */
  tabTitle?: string;
}

/** The body of 403, 404 and error pages: what happened, in words, and where to go next. */
export function ErrorPanel({ code, title, children, homeLabel, actions, tabTitle }: ErrorPanelProps) {
  return (
    <div className="error-panel">
      {tabTitle && <title>{tabTitle}</title>}
      <p className="error-code">{code}</p>
      <h1>{title}</h1>
      <div className="error-text">{children}</div>
      {(homeLabel || actions) && (
        <div className="actions-row">
          {homeLabel && (
            <Link href="/" className="button button-primary">
              {homeLabel}
            </Link>
          )}
          {actions}
        </div>
      )}
    </div>
  );
}
