import { z } from "zod";
import { findArticleSummary, listArticlesForActor } from "@/lib/articles";
import { createArticle } from "@/lib/commands/articles";
import { parseInput } from "@/lib/commands/users";
import { articleStatuses } from "@/lib/db/schema";
import { toActor } from "@/lib/users";
import { apiRoute, json, readJson } from "../_lib/route";
import { presentArticle } from "../_lib/presenters";

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const listArticlesQuery = z.object({
  status: z.preprocess(
    emptyToUndefined,
    z.enum(articleStatuses, { message: `status must be one of: ${articleStatuses.join(", ")}.` }).optional(),
  ),
  q: z.preprocess(emptyToUndefined, z.string().max(200, "q must be at most 200 characters.").optional()),
});

// GET /api/articles – list what the caller may see (?status=&q=), newest update first
export const GET = apiRoute(async ({ request, user, db }) => {
  const search = new URL(request.url).searchParams;
  const query = parseInput(listArticlesQuery, { status: search.get("status"), q: search.get("q") });
  const articles = await listArticlesForActor(db, toActor(user), { status: query.status, query: query.q });
  return json({ articles: articles.map(presentArticle) });
});

// POST /api/articles – create a draft owned by the caller from { "title" }
export const POST = apiRoute(async ({ request, user, db }) => {
  const row = await createArticle(db, user, await readJson(request));
  const article = await findArticleSummary(db, row.id);
  if (!article) throw new Error(`article ${row.id} vanished right after it was created`);
  return json({ article: presentArticle(article) }, { status: 201, headers: { location: `/api/articles/${row.id}` } });
});
