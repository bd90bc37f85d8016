import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TimelineEntry } from "@/lib/workflow";
import "./review.css";

/** The article's timeline: every review step, note, publication, restore and delivery, newest first. */
export function TimelineCard({ articleId, entries }: { articleId: string; entries: TimelineEntry[] }) {
  return (
    <section className="card stack timeline-card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing yet: submissions, approvals, publications and saved versions appear here.</p>
      ) : (
        <ol className="timeline" aria-label="Timeline, newest first">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="timeline__entry">
              <span>
                <strong>{entry.actor}</strong> {entry.text}
                {entry.version && (
                  <>
                    {" "}
                    <Link href={`/articles/${articleId}/history?from=${entry.version.id}&to=current`} aria-label={`Compare version ${entry.version.number} with now`}>
                      compare with now
                    </Link>
                  </>
                )}
              </span>
              {entry.note && <q className="timeline__note">{entry.note}</q>}
              <RelativeTime iso={entry.at} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
