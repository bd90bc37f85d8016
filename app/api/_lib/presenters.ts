import type { ArticleMember, ArticleSummary } from "@/lib/articles";
import type { User } from "@/lib/users";
import { versionJson } from "@/lib/versions";

/** The public JSON shape of an article in lists and on its own. */
export function presentArticle(article: ArticleSummary) {
  return {
    id: article.id,
    title: article.title,
    status: article.status,
    authors: article.authors.map(({ id, name }) => ({ id, name })),
    updatedAt: article.updatedAt,
    createdAt: article.createdAt,
  };
}

/** One article on its own: the list's shape and what the server reads from its document. */
export function presentArticleDetail(article: ArticleSummary) {
  return { ...presentArticle(article), standfirst: article.standfirst, words: article.words, contentHash: article.contentHash };
}

/** A version as the API shows it (the same shape as `galley article versions --json`). */
export const presentVersion = versionJson;

export function presentMember(member: ArticleMember) {
  return { id: member.userId, name: member.name, email: member.email, role: member.role };
}

/** Never the password hash, token version or other internals. */
export function presentUser(user: User) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
