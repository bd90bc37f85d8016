import { resolveSuggestionRoute } from "../../../_lib/suggestions";

// POST /api/suggestions/:id/withdraw – take back one's own suggestion; 409 once it is no longer open
export const POST = resolveSuggestionRoute("withdraw");
