import Link from "next/link";
import type { AuditListItem } from "@/lib/audit";
import { RelativeTime } from "../ui/relative-time";
import { StackTable } from "../ui/stack-table";
import { describeChange, actionLabel } from "./audit-format";

/** When, who, what, to what, and the change itself (before → after). */
export function AuditTable({ entries }: { entries: AuditListItem[] }) {
  return (
    <StackTable className="audit-table" label="Audit log, newest first" columns={["When", "Who", "Action", "Target", "Change"]}>
      {entries.map((entry) => (
        <tr key={entry.id}>
          <td className="nowrap muted" data-label="When">
            <RelativeTime iso={entry.at} />
          </td>
          <td className="audit-who" data-label="Who">
            {entry.actorLabel}
          </td>
          <td data-label="Action">
            {actionLabel(entry.action)}
            <code className="audit-code">{entry.action}</code>
          </td>
          <td data-label="Target">
            {entry.targetType === "article" && entry.targetLabel ? (
              <Link href={`/articles/${entry.targetId}`}>{entry.targetLabel}</Link>
            ) : (
              (entry.targetLabel ?? <span className="muted">{entry.targetId}</span>)
            )}
            <span className="audit-target-type">{entry.targetType}</span>
          </td>
          <td data-label="Change">
            <ChangeList before={entry.before} after={entry.after} />
          </td>
        </tr>
      ))}
    </StackTable>
  );
}

function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const changes = describeChange(before, after);
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="change-list">
      {changes.map((change) => (
        <li key={change.key}>
          <span className="change-key">{change.key}</span>{" "}
          {change.before !== undefined && <span className="change-before">{change.before}</span>}
          {change.before !== undefined && change.after !== undefined && (
            <>
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> changed to </span>
            </>
          )}
          {change.after !== undefined && <span className="change-after">{change.after}</span>}
        </li>
      ))}
    </ul>
  );
}
