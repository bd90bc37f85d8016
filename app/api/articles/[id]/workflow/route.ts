import { runWorkflowAction } from "@/lib/commands/workflow";
import { AppError } from "@/lib/errors";
import { articleDetail } from "../../../_lib/article-detail";
import { apiRoute, json, readJson } from "../../../_lib/route";

// POST /api/articles/:id/workflow – one step: { "action", "reviewers"?, "desks"?, "note"? } → the article as GET answers it
export const POST = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const body = await readJson(request, { maxBytes: 16 * 1024 });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("bad_request", 'Send a JSON object such as { "action": "submit", "reviewers": ["…"], "desks": ["Legal"] }.', "action");
  }
  await runWorkflowAction(db, user, { ...body, articleId: params.id });
  return json(await articleDetail(db, user, params.id));
});
