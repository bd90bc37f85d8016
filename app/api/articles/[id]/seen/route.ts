import { markArticleSeen } from "@/lib/commands/record-seen";
import { apiRoute } from "../../../_lib/route";

// POST /api/articles/:id/seen – "I have read it as it is now": the start of the next "Changed since you last looked"
export const POST = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  await markArticleSeen(db, user, params.id);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
