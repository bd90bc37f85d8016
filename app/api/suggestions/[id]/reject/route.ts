import { resolveSuggestionRoute } from "../../../_lib/suggestions";

// POST /api/suggestions/:id/reject – drop the suggested change (who may edit the article); 409 once it is no longer open
export const POST = resolveSuggestionRoute("reject");
