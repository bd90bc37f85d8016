import { findThread } from "@/lib/comments";
import { reopenThread } from "@/lib/commands/resolve-thread";
import { viewerOf } from "../../../_lib/comments";
import { apiRoute, json } from "../../../_lib/route";

// POST /api/comments/:id/reopen – open a resolved thread again (the id of its first comment)
export const POST = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const root = await reopenThread(db, user, params.id);
  return json({ thread: await findThread(db, root.id, await viewerOf(db, user, root.articleId)) });
});
