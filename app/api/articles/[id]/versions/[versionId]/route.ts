import { findArticleAccess } from "@/lib/articles";
import { readArticleContent } from "@/lib/editor/export/article-content";
import { renderArticleHtml } from "@/lib/editor/export/html";
import { renderArticleMarkdown } from "@/lib/editor/export/markdown";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { findVersion, summarizeVersion, versionDocument } from "@/lib/versions";
import { apiRoute, json } from "../../../../_lib/route";
import { presentVersion } from "../../../../_lib/presenters";

// GET /api/articles/:id/versions/:versionId – one version: what it said, as text, Markdown and HTML, its open suggestions marked
export const GET = apiRoute<{ id: string; versionId: string }>(async ({ user, db, params }) => {
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:view", access);
  const row = await findVersion(db, params.id, params.versionId);
  if (!row) throw new AppError("not_found", "This article has no version with this id.");
  const doc = versionDocument(row);
  try {
    // Suggestions open at the time are shown as such (<ins>/<del>, CriticMarkup), never as accepted text.
    const content = readArticleContent(doc, { withSuggestions: true });
    return json({
      version: presentVersion(await summarizeVersion(db, row)),
      headline: content.headline,
      standfirst: content.standfirst,
      markdown: renderArticleMarkdown(content),
      html: renderArticleHtml(content),
    });
  } finally {
    doc.destroy();
  }
});
