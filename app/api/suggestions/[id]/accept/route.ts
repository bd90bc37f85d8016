import { resolveSuggestionRoute } from "../../../_lib/suggestions";

// POST /api/suggestions/:id/accept – make the suggested change part of the text (who may edit the article); 409 once it is no longer open
export const POST = resolveSuggestionRoute("accept");
