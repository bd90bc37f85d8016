import { findArticleAccess, findArticleSummary, listArticleMembers } from "@/lib/articles";
import { workflowState } from "@/lib/commands/workflow";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { allowedArticleActions, authorize } from "@/lib/policy";
import { toActor, type User } from "@/lib/users";
import { findVersion, latestVersion } from "@/lib/versions";
import { availableActions, loadReview, signoffJson } from "@/lib/workflow";
import { presentArticleDetail, presentMember } from "./presenters";

/**
 * `GET /api/articles/<id>` (and the answer to a workflow step): the article,
 * its review (sign-offs with the latest decision on each, the published
 * version, the workflow steps the caller may take now), its members and
 * what the caller may do with it.
 */
export async function articleDetail(db: Db, user: User, articleId: string) {
  const access = await findArticleAccess(db, articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  const actor = toActor(user);
  authorize(actor, "article:view", access);
  const [article, members, current, state] = await Promise.all([
    findArticleSummary(db, articleId),
    listArticleMembers(db, articleId),
    latestVersion(db, articleId),
    workflowState(db, articleId, access.status),
  ]);
  if (!article) throw new AppError("not_found", "No article has this id.");
  const review = await loadReview(db, articleId, article.contentHash);
  const published = article.publishedVersionId ? await findVersion(db, articleId, article.publishedVersionId) : undefined;
  const publisher = article.publishedById ? await db.selectFrom("users").select(["id", "name"]).where("id", "=", article.publishedById).executeTakeFirst() : undefined;
  return {
    article: { ...presentArticleDetail(article), currentVersion: current ? { id: current.id, number: current.number } : null },
    review: {
      signoffs: review.signoffs.map(signoffJson),
      ...(published
        ? {
            publishedVersion: {
              id: published.id,
              number: published.number,
              contentHash: published.content_hash,
              publishedAt: article.publishedAt,
              publishedBy: publisher ?? null,
              hasUnpublishedChanges: state.hasUnpublishedChanges,
            },
          }
        : {}),
      allowed: availableActions(actor, access, state),
    },
    members: members.map(presentMember),
    allowedActions: allowedArticleActions(actor, access),
  };
}
