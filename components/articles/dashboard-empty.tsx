import Link from "next/link";
import type { ArticleStatus, Role } from "@/lib/db/schema";
import { statusLabels } from "../ui/format";

interface DashboardEmptyProps {
  isFiltered: boolean;
  status?: ArticleStatus;
  q?: string;
  waiting?: boolean;
  role: Role;
  canCreate: boolean;
}

/** Two different silences: a newsroom with nothing yet, and a filter that matched nothing. */
export function DashboardEmpty({ isFiltered, status, q, waiting, role, canCreate }: DashboardEmptyProps) {
  if (waiting && !status && !q) {
    return (
      <div className="empty-state">
        <h3>Nothing is waiting for you</h3>
        <p>No article in review needs your sign-off, or your desk’s, right now.</p>
        <Link href="/" className="button button-secondary">
          Show all articles
        </Link>
      </div>
    );
  }
  if (isFiltered) {
    const parts = [q ? `“${q}” in its title` : null, status ? `the status ${statusLabels[status]}` : null, waiting ? "your sign-off waiting" : null].filter(Boolean);
    return (
      <div className="empty-state">
        <h3>No articles match</h3>
        <p>No article you can see has {parts.join(" and ")}.</p>
        <Link href="/" className="button button-secondary">
          Show all articles
        </Link>
      </div>
    );
  }
  const text =
    role === "reviewer"
      ? "Nothing awaits your review. Articles appear here when a writer sends one for review or an editor assigns you."
      : canCreate && (role === "admin" || role === "editor")
        ? "This newsroom has no articles yet. Give the first one a working title above (you can change it later), or import a Markdown or Word file."
        : canCreate
          ? "You have no articles yet. Start one above or import a Markdown or Word file; an editor can also share one with you."
          : "There is nothing for you here yet. Articles appear here when an editor shares one with you.";
  return (
    <div className="empty-state">
      <h3>No articles yet</h3>
      <p>{text}</p>
    </div>
  );
}
