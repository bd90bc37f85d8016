import { createRoot } from "react-dom/client";
import { ArticleEditor, type ArticleEditorProps } from "@/components/editor/article-editor";

/** The page's editor props, written into the page by serve.ts. */
const props = JSON.parse(document.getElementById("editor-props")!.textContent!) as ArticleEditorProps;

createRoot(document.getElementById("root")!).render(<ArticleEditor {...props} />);
