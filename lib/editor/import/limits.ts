/**
 * What an import accepts, shared by the upload form (which checks before
 * sending) and the server (which decides). No conversion code here, so the
 * browser bundle stays small.
 */
export type ImportFormat = "markdown" | "docx";

/** The largest file an import takes: a long feature with pictures is well under it, and pictures are dropped anyway. */
export const importMaxBytes = 5 * 1024 * 1024;

/** For `<input type="file" accept>`. */
export const importAccept =
  ".md,.markdown,.docx,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const importAcceptedInWords = "a Markdown (.md) or Word (.docx) file";

/** The format a file name announces, or null for anything Galley does not import. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const extension = /\.([a-z]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === "md" || extension === "markdown") return "markdown";
  if (extension === "docx") return "docx";
  return null;
}

/** "5 MB" */
export const importMaxSizeInWords = `${importMaxBytes / 1024 / 1024} MB`;
