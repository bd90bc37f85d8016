import { findArticleSummary } from "@/lib/articles";
import { importArticle } from "@/lib/commands/import-article";
import { importMaxBytes, importMaxSizeInWords } from "@/lib/editor/import/limits";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "../../_lib/route";
import { presentArticle } from "../../_lib/presenters";

/** Room for the multipart envelope around the largest file accepted. */
const envelopeBytes = 64 * 1024;

// POST /api/articles/import – a new draft from an uploaded .md or .docx (multipart field "file")
export const POST = apiRoute(async ({ request, user, db }) => {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > importMaxBytes + envelopeBytes) {
    throw new AppError("payload_too_large", `The file is over ${importMaxSizeInWords}; import a smaller file.`, "file");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("bad_request", "Send the file as multipart/form-data in the field “file”.", "file");
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || !("name" in file)) throw new AppError("bad_request", "Choose a file to import.", "file");
  const row = await importArticle(db, user, { name: String(file.name), bytes: new Uint8Array(await file.arrayBuffer()) });
  const article = await findArticleSummary(db, row.id);
  if (!article) throw new Error(`article ${row.id} vanished right after it was imported`);
  return json({ article: presentArticle(article) }, { status: 201, headers: { location: `/api/articles/${row.id}` } });
});
