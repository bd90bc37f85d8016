import type { ReactNode } from "react";

interface ErrorPanelProps {
  /** The HTTP status or a short tag, shown small above the title. */
  code: string;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}

/** The body of 403, 404 and error pages: what happened, in words, and where to go next. */
export function ErrorPanel({ code, title, children, actions }: ErrorPanelProps) {
  return (
    <div className="error-panel">
      <p className="error-code">{code}</p>
      <h1>{title}</h1>
      <div className="error-text">{children}</div>
      {actions && <div className="actions-row">{actions}</div>}
    </div>
  );
}
