"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  importAccept,
  importAcceptedInWords,
  importFormatOf,
  importMaxBytes,
  importMaxSizeInWords,
} from "@/lib/editor/import/limits";

/** What is wrong with the chosen file before it is sent, or null (the server checks again and decides). */
function checkFile(file: FormDataEntryValue | null): string | null {
  if (!(file instanceof File) || !file.name) return `Choose ${importAcceptedInWords} to import.`;
  if (!importFormatOf(file.name)) return `Galley imports ${importAcceptedInWords}; ${file.name} is neither.`;
  if (file.size > importMaxBytes) return `${file.name} is over ${importMaxSizeInWords}; import a smaller file.`;
  return null;
}

/**
 * "Import": a Markdown or Word file becomes a new draft (POST /api/articles/import),
 * then the writer lands in it. Errors sit under the file field in words.
 */
export function ImportArticleForm() {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();

  async function importFile(formData: FormData) {
    const problem = checkFile(formData.get("file"));
    if (problem) return setError(problem);
    setError(undefined);
    let response: Response;
    try {
      response = await fetch("/api/articles/import", { method: "POST", body: formData });
    } catch {
      return setError("Galley could not be reached. Check your connection and try again.");
    }
    const body = (await response.json().catch(() => null)) as { article?: { id: string }; message?: string } | null;
    if (response.status !== 201 || !body?.article) {
      return setError(body?.message ?? `The import failed (HTTP ${response.status}); try again.`);
    }
    router.push(`/articles/${body.article.id}`);
  }

  return (
    <section className="card new-article" aria-labelledby="import-article-heading">
      <h2 id="import-article-heading">Import</h2>
      <form action={importFile} className="inline-form" noValidate>
        <Field
          id="import-article-file"
          label="Markdown or Word file"
          hint={`Up to ${importMaxSizeInWords}. The first heading becomes the headline, the paragraph after it the standfirst.`}
          error={error}
          className="grow"
        >
          {(props) => <input {...props} name="file" type="file" accept={importAccept} required />}
        </Field>
        <SubmitButton pendingLabel="Importing…">Import</SubmitButton>
      </form>
    </section>
  );
}
