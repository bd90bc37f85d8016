"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";
import { articleStatuses, type ArticleStatus } from "@/lib/db/schema";
import { statusLabels } from "../ui/format";
import { LabelledOptions } from "../ui/labelled-options";
import { SearchShortcut } from "./search-shortcut";

/**
 * Status filter and title search as a GET form: the URL (?status=&q=) holds
 * the view, so it can be shared and reloaded, and the form works before the
 * page is interactive. Once it is, the navigation runs in a transition so the
 * form can say the list is being fetched.
 */
export function ArticleFilters({ status, q, waiting, canSignOff }: { status?: ArticleStatus; q?: string; waiting?: boolean; canSignOff?: boolean }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The same URL the browser would load for this GET form.
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string") query.append(name, value);
    }
    startTransition(() => router.push(`/?${query}`));
  };

  return (
    <form action="/" className="filters" role="search" aria-label="Filter articles" aria-busy={isPending} onSubmit={submit}>
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
          <LabelledOptions values={articleStatuses} labels={statusLabels} />
        </select>
      </div>
      {canSignOff && (
        <div className="filters-waiting">
          <input id="filter-waiting" name="waiting" type="checkbox" value="1" defaultChecked={waiting} />
          <label htmlFor="filter-waiting">Waiting for me</label>
        </div>
      )}
      <div className="filters-actions">
        <button type="submit" className="button button-secondary" disabled={isPending}>
          Apply
        </button>
        {(status || q || waiting) && (
          <Link href="/" className="button button-quiet">
            Clear
          </Link>
        )}
        {/* aria-live rather than role="status": on this page that role belongs to the forms' own messages. */}
        <span className="visually-hidden" aria-live="polite">
          {isPending ? "Loading articles…" : ""}
        </span>
      </div>
    </form>
  );
}
