import { Fragment } from "react";
import type { ArticleMember } from "@/lib/articles";
import { memberRoleLabels } from "../ui/format";

/** Owner first, then co-authors and reviewers, as lib/articles orders them. */
export function ArticleMembers({ members, currentUserId }: { members: ArticleMember[]; currentUserId: string }) {
  if (members.length === 0) return <p className="muted">Nobody is on this article yet.</p>;
  return (
    <ul className="people-list">
      {members.map((member) => (
        <li key={member.userId}>
          <span className="avatar" aria-hidden="true">
            {initials(member.name)}
          </span>
          <span className="people-name">
            {member.name}
            {member.userId === currentUserId && <span className="muted"> (you)</span>}
            <span className="people-email">{breakableEmail(member.email)}</span>
          </span>
          <span className={`member-role member-role-${member.role}`}>{memberRoleLabels[member.role]}</span>
        </li>
      ))}
    </ul>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** The address with line-break opportunities before "@" and each ".", where a reader expects a break. */
function breakableEmail(email: string) {
  return email.split(/(?=[@.])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}
