import Link from "next/link";
import { describeSuggestion } from "@/lib/suggestions/describe";
import type { ComparedBlock, ComparedSuggestion, Comparison, DiffOp, FoldedBlocks } from "@/lib/versions";
import "./versions.css";

/** Words as a reader sees the change: added underlined, removed struck through (and coloured, never colour alone). */
function Ops({ ops }: { ops: DiffOp[] }) {
  return (
    <>
      {ops.map((op, index) =>
        op.op === "insert" ? (
          <ins key={index} className="diff-insert">
            {op.text}
          </ins>
        ) : op.op === "delete" ? (
          <del key={index} className="diff-delete">
            {op.text}
          </del>
        ) : (
          <span key={index}>{op.text}</span>
        ),
      )}
    </>
  );
}

const isChanged = (ops: DiffOp[]) => ops.some((op) => op.op !== "equal");

function Block({ block }: { block: ComparedBlock }) {
  const changed = isChanged(block.ops) ? " is-changed" : "";
  const props = { dir: block.dir, className: `compare-block compare-block--${block.type}${changed}` };
  const content = <Ops ops={block.ops} />;
  if (block.type === "heading2") return <h3 {...props}>{content}</h3>;
  if (block.type === "heading3") return <h4 {...props}>{content}</h4>;
  if (block.type === "quote") return <blockquote {...props}>{content}</blockquote>;
  return <p {...props}>{content}</p>;
}

const fieldNames = { headline: "In the headline", standfirst: "In the standfirst", body: "In the body" } as const;

/** The newer state's open suggestions: proposed, so apart from the words above, which are the article's. */
function OpenSuggestions({ suggestions }: { suggestions: ComparedSuggestion[] }) {
  const heading = suggestions.length === 1 ? "1 open suggestion, not part of the text above" : `${suggestions.length} open suggestions, not part of the text above`;
  return (
    <section className="compare-suggestions" aria-label={heading}>
      <h3 className="compare-suggestions__heading">{heading}</h3>
      <ul>
        {suggestions.map((suggestion) => (
          <li key={suggestion.id} className={`compare-suggestion compare-suggestion--${suggestion.kind}`}>
            <span className="compare-suggestion__what">{describeSuggestion(suggestion)}</span>
            <span className="compare-suggestion__meta">
              {suggestion.author.name} · {fieldNames[suggestion.field]}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface CompareViewProps {
  comparison: Comparison;
  /** Where "Show all" leads: the same comparison unfolded. */
  showAllHref?: string;
}

/** Headline, standfirst and body of a comparison, with what changed marked. */
export function CompareView({ comparison, showAllHref }: CompareViewProps) {
  const { headline, standfirst, body, added, removed } = comparison;
  const isUnchanged = added === 0 && removed === 0 && !isChanged(headline) && !isChanged(standfirst) && body.every((b) => !("ops" in b) || !isChanged(b.ops));
  return (
    <div className="compare-view">
      <p className="compare-view__summary" role="status">
        {isUnchanged ? "No change a reader would see." : `${added} words added, ${removed} removed.`}
      </p>
      <h2 className="compare-view__headline" dir="auto">
        <Ops ops={headline} />
      </h2>
      {standfirst.length > 0 && (
        <p className="compare-view__standfirst" dir="auto">
          <Ops ops={standfirst} />
        </p>
      )}
      <div className="compare-view__body">
        {body.map((block, index) =>
          "ops" in block ? (
            <Block key={index} block={block} />
          ) : (
            <p key={index} className="compare-fold">
              {(block as FoldedBlocks).count === 1 ? "1 unchanged paragraph" : `${(block as FoldedBlocks).count} unchanged paragraphs`}
              {showAllHref && (
                <>
                  {" · "}
                  <Link href={showAllHref}>Show all</Link>
                </>
              )}
            </p>
          ),
        )}
      </div>
      {comparison.suggestions.length > 0 && <OpenSuggestions suggestions={comparison.suggestions} />}
    </div>
  );
}
