import { Window } from "happy-dom";
import type { HtmlParser } from "./paste";

/**
 * Runs `work` with an HTML parser outside the browser (imports, tests):
 * happy-dom with scripts, stylesheets and frames disabled, so parsing an
 * untrusted file never runs or fetches anything. The window is closed after.
 */
export function withServerDom<T>(work: (parser: HtmlParser) => T): T {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  try {
    const parser = new window.DOMParser() as unknown as HtmlParser;
    return work(parser);
  } finally {
    window.happyDOM.abort();
    window.close();
  }
}
