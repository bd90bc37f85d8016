import { parseCommentBody } from "./body-segments";

/**
 * A comment's text as React elements: plain text, links that open in a new
 * tab without handing over the page, and mentions as "@Name" chips. Never
 * innerHTML: whatever a body contains is shown as text.
 */
export function CommentBody({ body }: { body: string }) {
  return (
    <p className="comment-body">
      {parseCommentBody(body).map((segment, index) => {
        if (segment.kind === "link") {
          return (
            <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
              {segment.text}
            </a>
          );
        }
        if (segment.kind === "mention") {
          return (
            <span key={index} className="mention-chip" data-user-id={segment.userId}>
              @{segment.name}
            </span>
          );
        }
        return <span key={index}>{segment.text}</span>;
      })}
    </p>
  );
}
