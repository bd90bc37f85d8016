import { AppError } from "@/lib/errors";
import { replyToSuggestion } from "@/lib/commands/suggestions";
import { suggestionJson } from "@/lib/suggestions/repository";
import { apiRoute, json, readJson } from "../../../_lib/route";

// POST /api/suggestions/:id/replies – {"body", "articleId"?}: reply in the suggestion's thread
export const POST = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const body = await readJson(request, { maxBytes: 32 * 1024 });
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("bad_request", "Send a JSON object with the reply's body.");
  const { body: text, articleId } = body as { body?: unknown; articleId?: unknown };
  const suggestion = await replyToSuggestion(db, user, {
    suggestionId: params.id,
    articleId: typeof articleId === "string" ? articleId : undefined,
    body: text,
  });
  return json({ suggestion: suggestionJson(suggestion) }, { status: 201 });
});
