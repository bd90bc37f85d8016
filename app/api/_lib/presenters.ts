import type { ArticleMember, ArticleSummary } from "@/lib/articles";
import type { User } from "@/lib/users";

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

export function presentMember(member: ArticleMember) {
  return { id: member.userId, name: member.name, email: member.email, role: member.role };
}

/** Never the password hash, token version or other internals. */
export function presentUser(user: User) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
