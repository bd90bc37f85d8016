import { z } from "zod";
import { resolveSuggestion, type SuggestionAction } from "@/lib/commands/suggestions";
import { AppError } from "@/lib/errors";
import { suggestionJson } from "@/lib/suggestions/repository";
import { apiRoute, json, readBodyText } from "./route";

/** A small optional body: `{"articleId"}` lets a just-typed suggestion be found before its row is written. */
const resolveBody = z.object({ articleId: z.string().min(1).max(64).optional() }).strict();

export async function readResolveBody(request: Request): Promise<{ articleId?: string }> {
  const text = await readBodyText(request, 4096);
  if (!text.trim()) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = resolveBody.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request", "Send no body, or a JSON object with the suggestion's articleId.");
  return parsed.data;
}

/** POST /api/suggestions/:id/{accept,reject,withdraw}: the one handler, per action. */
export function resolveSuggestionRoute(action: SuggestionAction) {
  return apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
    const { articleId } = await readResolveBody(request);
    const suggestion = await resolveSuggestion(db, user, { suggestionId: params.id, action, articleId });
    return json({ suggestion: suggestionJson(suggestion) });
  });
}
