import * as Y from "yjs";
import { recordAudit } from "../audit";
import type { Db } from "../db/client";
import type { ArticleRow } from "../db/schema";
import { maxTitleLength } from "../articles";
import { appendUpdates } from "../docs";
import { buildArticleUpdate, fileToHtml, htmlToArticle, type ImportedArticle } from "../editor/import/convert";
import { importAcceptedInWords, importFormatOf, importMaxBytes, importMaxSizeInWords, type ImportFormat } from "../editor/import/limits";
import { AppError } from "../errors";
import { logger } from "../log";
import { createArticle } from "./articles";
import { auditActorOf, authorizePrincipal, type Principal } from "./principal";
import { projectArticle, saveProjection } from "../versions";

/** A .docx is a zip file: it starts with "PK\x03\x04". */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

async function convert(format: ImportFormat, name: string, bytes: Uint8Array): Promise<ImportedArticle> {
  if (format === "docx" && !isZip(bytes)) {
    throw new AppError("bad_request", `${name} is not a Word document (.docx); save it as .docx and try again.`, "file");
  }
  try {
    return htmlToArticle(await fileToHtml(format, bytes));
  } catch (error) {
    logger().warn({ err: error, file: name, format }, "import conversion failed");
    throw new AppError("bad_request", `${name} could not be read as ${format === "docx" ? "a Word document" : "Markdown"}.`, "file");
  }
}

/**
 * A new draft from an uploaded Markdown or .docx file: converted to HTML,
 * cleaned by the paste sanitizer, and stored as the article document's first
 * update, which the collab server serves like any other. The title is the
 * file's headline (its first h1), or its name without the extension.
 */
export async function importArticle(db: Db, principal: Principal, file: { name: string; bytes: Uint8Array }): Promise<ArticleRow> {
  authorizePrincipal(principal, "article:create");
  const name = file.name.trim() || "the file";
  const format = importFormatOf(name);
  if (!format) throw new AppError("bad_request", `Galley imports ${importAcceptedInWords}; ${name} is neither.`, "file");
  if (file.bytes.byteLength > importMaxBytes) {
    throw new AppError("payload_too_large", `${name} is over ${importMaxSizeInWords}; import a smaller file.`, "file");
  }
  if (file.bytes.byteLength === 0) throw new AppError("bad_request", `${name} is empty.`, "file");

  const article = await convert(format, name, file.bytes);
  const update = buildArticleUpdate(article);
  const fallbackTitle = name.replace(/\.[a-z]+$/i, "").replace(/[_-]+/g, " ").trim() || "Imported article";
  const title = (article.headline || fallbackTitle).slice(0, maxTitleLength);
  // In the article's own transaction: no one ever finds it without its body (and the first
  // client to open it adds no template), and a failure leaves no empty article behind.
  return createArticle(db, principal, { title }, undefined, async (tx, row) => {
    const ids = await appendUpdates(tx, [{ articleId: row.id, data: update }]);
    // The row shows the imported document at once (standfirst, words, content hash), as after any edit.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    await saveProjection(tx, row.id, projectArticle(doc), ids.get(row.id)?.at(-1) ?? 1, row.updated_at);
    doc.destroy();
    await recordAudit(tx, auditActorOf(principal), {
      action: "article.import",
      targetType: "article",
      targetId: row.id,
      after: { file: name, format, bytes: file.bytes.byteLength },
    });
  });
}
