import { z } from "zod";
import { listArticleSuggestions, resolveAllSuggestions } from "@/lib/commands/suggestions";
import { parseInput } from "@/lib/commands/users";
import { suggestionJson } from "@/lib/suggestions/repository";
import { apiRoute, json, readJson } from "../../../_lib/route";

// GET /api/articles/:id/suggestions – every suggestion made on the article: open ones as the document holds them now
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const suggestions = await listArticleSuggestions(db, user, params.id);
  return json({ suggestions: suggestions.map(suggestionJson) });
});

const resolveAllInput = z.object({ action: z.enum(["accept", "reject"], { message: 'action must be "accept" or "reject".' }) });

// POST /api/articles/:id/suggestions – {"action":"accept"|"reject"}: accept or reject every open suggestion at once
export const POST = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const { action } = parseInput(resolveAllInput, await readJson(request, { maxBytes: 4096 }));
  const suggestions = await resolveAllSuggestions(db, user, { articleId: params.id, action });
  return json({ suggestions: suggestions.map(suggestionJson) });
});
