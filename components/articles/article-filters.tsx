import Form from "next/form";
import Link from "next/link";
import { articleStatuses, type ArticleStatus } from "@/lib/db/schema";
import { statusLabels } from "../ui/format";
import { SearchShortcut } from "./search-shortcut";

/**
 * Status filter and title search as a GET form: the URL (?status=&q=) holds
 * the view, so it can be shared and reloaded. next/form keeps it client-side.
 */
export function ArticleFilters({ status, q }: { status?: ArticleStatus; q?: string }) {
  return (
    <Form action="/" className="filters" role="search" aria-label="Filter articles">
      <div className="field">
        <label htmlFor="filter-q">Search titles</label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={q ?? ""}
          maxLength={200}
          placeholder="Words in the title (press / to jump here)"
          aria-keyshortcuts="/"
        />
        <SearchShortcut inputId="filter-q" />
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={status ?? ""}>
          <option value="">All statuses</option>
          {articleStatuses.map((value) => (
            <option key={value} value={value}>
              {statusLabels[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="filters-actions">
        <button type="submit" className="button button-secondary">
          Apply
        </button>
        {(status || q) && (
          <Link href="/" className="button button-quiet">
            Clear
          </Link>
        )}
      </div>
    </Form>
  );
}
