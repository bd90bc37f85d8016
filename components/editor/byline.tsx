const authorList = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

/** "By Ada Lovelace and Grace Hopper": drawn from the article's authors, not part of the editable text. */
export function Byline({ authors }: { authors: { id: string; name: string }[] }) {
  if (authors.length === 0) return null;
  return (
    <p className="article-byline" data-testid="byline">
      By {authorList.format(authors.map((author) => author.name))}
    </p>
  );
}
