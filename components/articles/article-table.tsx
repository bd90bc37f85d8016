import Link from "next/link";
import type { ArticleSummary } from "@/lib/articles";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status-badge";

/** The dashboard list: title, status, authors, last update. */
export function ArticleTable({ articles, caption }: { articles: ArticleSummary[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table table-stack article-table">
        <caption className="table-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Authors</th>
            <th scope="col" className="align-end">
              Last update
            </th>
          </tr>
        </thead>
        <tbody>
          {articles.map((article) => (
            <tr key={article.id}>
              <th scope="row" className="article-title-cell">
                <Link href={`/articles/${article.id}`}>{article.title}</Link>
              </th>
              <td data-label="Status">
                <StatusBadge status={article.status} />
              </td>
              <td data-label="Authors" className="muted">
                {article.authors.map((author) => author.name).join(", ") || "—"}
              </td>
              <td data-label="Updated" className="align-end nowrap muted">
                <RelativeTime iso={article.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
