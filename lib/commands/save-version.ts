import { z } from "zod";
import { recordAudit } from "../audit";
import { findArticleAccess } from "../articles";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { authorize } from "../policy";
import { toActor, type User } from "../users";
import { makeVersion, summarizeVersion, type VersionSummary } from "../versions";
import { parseInput } from "./users";

export const saveVersionInput = z.object({
  articleId: z.string().min(1, "Article id is required."),
  name: z
    .string({ message: "Give the version a name." })
    .trim()
    .min(1, "Give the version a name, such as “before legal read”.")
    .max(200, "A version's name may be at most 200 characters."),
});

/**
 * "Save version…": keeps the article as it is now under a name, by anyone
 * who may edit it. A named version is made even when the content is the same
 * as the latest version's (the name is the point).
 */
export async function saveVersion(db: Db, user: User, raw: unknown): Promise<VersionSummary> {
  const input = parseInput(saveVersionInput, raw);
  const access = await findArticleAccess(db, input.articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:edit", access);
  const { version } = await makeVersion(db, input.articleId, { kind: "named", name: input.name, createdBy: user.id });
  await recordAudit(db, { id: user.id, name: user.name }, {
    action: "version.create",
    targetType: "article",
    targetId: input.articleId,
    after: { versionId: version.id, number: version.number, name: version.name },
  });
  return summarizeVersion(db, version);
}
