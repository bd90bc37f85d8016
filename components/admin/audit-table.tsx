import Link from "next/link";
import type { AuditListItem } from "@/lib/audit";
import { RelativeTime } from "../ui/relative-time";
import { describeChange, actionLabel } from "./audit-format";

/** When, who, what, to what, and the change itself (before → after). */
export function AuditTable({ entries }: { entries: AuditListItem[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-stack table-labelled audit-table" aria-label="Audit log, newest first">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
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
