import { createHmac } from "node:crypto";
import type * as Y from "yjs";
import type { WebhookEvent } from "../db/schema";
import { readArticleContent } from "../editor/export/article-content";
import { renderArticleHtml } from "../editor/export/html";
import { renderArticleMarkdown } from "../editor/export/markdown";

const authorList = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

export interface PublishedArticle {
  articleId: string;
  /** The working title, when the document has no headline yet. */
  title: string;
  authors: string[];
  /** The published version's document. */
  doc: Y.Doc;
  version: number;
  contentHash: string;
  publishedAt: string;
  publishedBy: { id: string; name: string };
}

/** The webhook's JSON body for a publication: the published version as a site would render it. */
export function publicationPayload(event: WebhookEvent, deliveryId: string, article: PublishedArticle): string {
  const content = readArticleContent(article.doc);
  const headline = content.headline || article.title;
  return JSON.stringify({
    event,
    deliveryId,
    article: {
      id: article.articleId,
      headline,
      standfirst: content.standfirst,
      byline: article.authors.length ? `By ${authorList.format(article.authors)}` : "",
      html: renderArticleHtml({ ...content, headline }),
      markdown: renderArticleMarkdown({ ...content, headline }),
      version: article.version,
      contentHash: article.contentHash,
      publishedAt: article.publishedAt,
      publishedBy: article.publishedBy,
    },
  });
}

/** `X-Galley-Signature`: "sha256=" and the hex HMAC-SHA256 of the raw body with the shared secret. */
export const signatureOf = (body: string, secret: string) => `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
