import type * as Y from "yjs";
import { z } from "zod";
import { findArticleAccess, findArticleSummary } from "@/lib/articles";
import { parseInput } from "@/lib/commands/users";
import { listThreads } from "@/lib/comments";
import { loadDocument } from "@/lib/docs";
import { toExportedThreads } from "@/lib/editor/export/comments";
import { readArticleContent } from "@/lib/editor/export/article-content";
import { slugFilename } from "@/lib/editor/export/filename";
import { renderArticleHtml } from "@/lib/editor/export/html";
import { renderArticleMarkdown } from "@/lib/editor/export/markdown";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { findVersion, versionDocument } from "@/lib/versions";
import { apiRoute } from "../../../_lib/route";

const exportQuery = z.object({
  format: z.enum(["markdown", "html"], { message: "format must be markdown or html." }),
  // Off by default: the export is the clean copy for publication.
  comments: z.enum(["0", "1"], { message: "comments must be 1 (with the comment threads) or 0." }).optional(),
  // Off by default: the accepted text. With 1, open suggestions are marked (<ins>/<del>, or CriticMarkup in Markdown).
  suggestions: z.enum(["0", "1"], { message: "suggestions must be 1 (open suggestions marked) or 0." }).optional(),
  /** A version's id: the article as that version holds it; `current`: the working copy, even once published. */
  version: z.string().min(1).max(64).optional(),
});

const formats = {
  markdown: { type: "text/markdown; charset=utf-8", extension: "md", render: renderArticleMarkdown },
  html: { type: "text/html; charset=utf-8", extension: "html", render: renderArticleHtml },
};

// GET /api/articles/:id/export?format=markdown|html[&comments=1][&suggestions=1][&version=<id>|current] – download the article: once
// published, the frozen published version (corrections do not reach it until published again); otherwise as stored now
export const GET = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const search = new URL(request.url).searchParams;
  const query = parseInput(exportQuery, {
    format: search.get("format") ?? undefined,
    comments: search.get("comments") ?? undefined,
    suggestions: search.get("suggestions") ?? undefined,
    version: search.get("version") ?? undefined,
  });
  const format = query.format;
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:view", access);
  const summary = await findArticleSummary(db, params.id);
  if (!summary) throw new AppError("not_found", "No article has this id.");

  const comments = query.comments === "1" ? toExportedThreads(await listThreads(db, params.id)) : undefined;
  let doc: Y.Doc;
  const versionId = query.version ?? summary.publishedVersionId ?? "current";
  if (versionId !== "current") {
    const version = await findVersion(db, params.id, versionId);
    if (!version) throw new AppError("not_found", "This article has no version with this id.", "version");
    doc = versionDocument(version);
  } else {
    doc = await loadDocument(db, params.id);
  }
  let body: string;
  let headline: string;
  try {
    const content = readArticleContent(doc, { withSuggestions: query.suggestions === "1" });
    // Before anyone writes a headline, the article's working title stands in.
    headline = content.headline || summary.title;
    body = formats[format].render({ ...content, headline }, { comments });
  } finally {
    doc.destroy();
  }
  const name = slugFilename(headline, `article-${params.id}`);
  return new Response(body, {
    headers: {
      "content-type": formats[format].type,
      "content-disposition": `attachment; filename="${name}.${formats[format].extension}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      // Opened rather than saved, the HTML still runs nothing and loads nothing.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
