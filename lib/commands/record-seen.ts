import { findArticleAccess } from "../articles";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { authorize } from "../policy";
import { toActor, type User } from "../users";
import { recordSeen } from "../versions";

/** The article page says it has been read as it is now (on leaving, or a while into a visit). */
export async function markArticleSeen(db: Db, user: User, articleId: string): Promise<void> {
  const access = await findArticleAccess(db, articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:view", access);
  await recordSeen(db, articleId, user.id);
}
