"use client";

import { useId, useState } from "react";
import "./export-panel.css";

/**
 * The article's downloads: Markdown and HTML of the text as saved on the
 * server. A clean copy for publication by default; "Include comments"
 * appends every thread (open and resolved) for the record.
 */
export function ExportPanel({ articleId }: { articleId: string }) {
  const [isWithComments, setIsWithComments] = useState(false);
  const checkboxId = useId();
  const href = (format: "markdown" | "html") =>
    `/api/articles/${articleId}/export?format=${format}${isWithComments ? "&comments=1" : ""}`;
  return (
    <section className="card stack" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      {/* Downloads, not pages, so plain links. */}
      <ul className="export-links">
        <li>
          <a href={href("markdown")} download>
            Export Markdown
          </a>
        </li>
        <li>
          <a href={href("html")} download>
            Export HTML
          </a>
        </li>
      </ul>
      <div className="export-option">
        <input
          id={checkboxId}
          type="checkbox"
          checked={isWithComments}
          onChange={(event) => setIsWithComments(event.target.checked)}
        />
        <label htmlFor={checkboxId}>Include comments</label>
      </div>
    </section>
  );
}
