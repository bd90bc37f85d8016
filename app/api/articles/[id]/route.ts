import { setWordTarget } from "@/lib/commands/set-word-target";
import { AppError } from "@/lib/errors";
import { articleDetail } from "../../_lib/article-detail";
import { apiRoute, json, readJson } from "../../_lib/route";

// GET /api/articles/:id – one article, its review, its members and what the caller may do with it
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => json(await articleDetail(db, user, params.id)));

// PATCH /api/articles/:id – change the article's settings: { "wordTarget": number | null }
export const PATCH = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const body = await readJson(request, { maxBytes: 4096 });
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("wordTarget" in body)) {
    throw new AppError("bad_request", 'Send { "wordTarget": <words from 1 to 20,000> } or { "wordTarget": null }.', "wordTarget");
  }
  const changed = await setWordTarget(db, user, { articleId: params.id, wordTarget: body.wordTarget });
  return json({ article: { id: changed.articleId, wordTarget: changed.wordTarget } });
});
