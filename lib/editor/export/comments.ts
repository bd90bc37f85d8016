import { mentionsAsNames } from "../../comments/mention-syntax";
import type { ThreadView } from "../../comments/threads";
import { escapeHtml } from "./html";
import { escapeLineStarts, escapeMarkdown } from "./markdown";

/** One comment as an export lists it; a deleted one keeps its place but not its words. */
export interface ExportedComment {
  author: string;
  createdAt: string;
  /** Plain text, mentions as "@Name"; null when deleted. */
  body: string | null;
  isEdited: boolean;
}

/** One thread (open or resolved) as an export lists it. */
export interface ExportedThread {
  isResolved: boolean;
  resolvedBy: string | null;
  /** "text": on this passage now; "deleted": on text since deleted (the quote it was opened on); "article": on no passage. */
  on: "text" | "deleted" | "article";
  passage: string;
  comments: ExportedComment[];
}

/** The threads of GET /api/articles/:id/comments, oldest first, as exports list them. */
export function toExportedThreads(threads: ThreadView[]): ExportedThread[] {
  return threads.map((thread) => {
    const on = thread.anchor.state === "attached" ? "text" : thread.anchor.state === "deleted" ? "deleted" : "article";
    return {
      isResolved: thread.resolved,
      resolvedBy: thread.resolvedBy?.name ?? null,
      on,
      passage: on === "text" ? thread.anchor.text : (thread.quote ?? ""),
      comments: [thread, ...thread.replies].map((comment) => ({
        author: comment.author.name,
        createdAt: comment.createdAt,
        body: comment.deleted ? null : mentionsAsNames(comment.body),
        isEdited: comment.editedAt !== null,
      })),
    };
  });
}

/** "2026-03-04 09:15 UTC": the same for every reader of the file, wherever they are. */
const formatTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const threadTitle = (thread: ExportedThread, index: number) =>
  `Thread ${index + 1} · ${thread.isResolved ? `resolved${thread.resolvedBy ? ` by ${thread.resolvedBy}` : ""}` : "open"}`;

const passageLabels: Record<ExportedThread["on"], string> = {
  text: "On",
  deleted: "On deleted text",
  article: "On the whole article",
};

/** A passage may span paragraphs; in a one-line quote they are separated by " / ". */
const oneLine = (text: string) => text.trim().replace(/\s*\n\s*/g, " / ");

const paragraphsOf = (body: string) => body.trim().split(/\n\s*\n/).map((paragraph) => paragraph.split("\n"));

function commentMarkdown(comment: ExportedComment): string {
  if (comment.body === null) return "- *Deleted comment*";
  const meta = `**${escapeMarkdown(comment.author)}**, ${formatTime(comment.createdAt)}${comment.isEdited ? " (edited)" : ""}:`;
  // Inside a list item: continuation lines indented, line breaks kept as hard breaks, nothing read as syntax.
  const body = paragraphsOf(comment.body)
    .map((lines) => lines.map((line) => escapeLineStarts(escapeMarkdown(line.trim()))).join("\\\n  "))
    .join("\n\n  ");
  return `- ${meta} ${body}`;
}

/** The "Comments" section of a Markdown export (empty without threads). */
export function renderCommentsMarkdown(threads: ExportedThread[]): string {
  if (threads.length === 0) return "";
  const parts = ["---", "## Comments"];
  threads.forEach((thread, index) => {
    parts.push(`### ${escapeMarkdown(threadTitle(thread, index))}`);
    const passage = oneLine(thread.passage);
    parts.push(`${passageLabels[thread.on]}${passage ? `: “${escapeMarkdown(passage)}”` : ""}`);
    parts.push(thread.comments.map(commentMarkdown).join("\n"));
  });
  return `${parts.join("\n\n")}\n`;
}

function commentHtml(comment: ExportedComment): string {
  if (comment.body === null) return '<li class="deleted"><em>Deleted comment</em></li>';
  const edited = comment.isEdited ? " (edited)" : "";
  const meta = `<strong>${escapeHtml(comment.author)}</strong>, <time datetime="${escapeHtml(comment.createdAt)}">${formatTime(comment.createdAt)}</time>${edited}`;
  const body = paragraphsOf(comment.body)
    .map((lines) => `<p dir="auto">${lines.map((line) => escapeHtml(line.trim())).join("<br>")}</p>`)
    .join("");
  return `<li><p class="meta">${meta}</p>${body}</li>`;
}

/** The "Comments" section of an HTML export: plain text, every part escaped (empty without threads). */
export function renderCommentsHtml(threads: ExportedThread[]): string {
  if (threads.length === 0) return "";
  const parts = ['<section class="comments">', "<h2>Comments</h2>"];
  threads.forEach((thread, index) => {
    const passage = oneLine(thread.passage);
    parts.push(
      '<section class="thread">',
      `<h3>${escapeHtml(threadTitle(thread, index))}</h3>`,
      `<p class="passage">${passageLabels[thread.on]}${passage ? `: <q dir="auto">${escapeHtml(passage)}</q>` : ""}</p>`,
      `<ol class="thread-comments">${thread.comments.map(commentHtml).join("")}</ol>`,
      "</section>",
    );
  });
  parts.push("</section>");
  return parts.join("\n");
}
