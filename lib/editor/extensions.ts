import { Extension, type Extensions } from "@tiptap/core";
import { Link } from "@tiptap/extension-link";
import { Placeholder } from "@tiptap/extensions";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";
import { ForeignLanguage } from "./foreign-language";
import { isAllowedHref } from "./links";
import { BlockDirection } from "./block-direction";
import { sanitizePastedHtml } from "./paste";

export interface ArticleExtensionOptions {
  /** Mod-K: the editor UI opens its link dialog (the dialog validates what is typed). */
  onLinkShortcut?: () => void;
}

/** Section headings in the body; the headline (the page's h1) lives outside it. */
export const headingLevels = [2, 3] as const;

/**
 * The article body's schema and behaviour, without the collaboration
 * extensions (those need the live Y.Doc and provider). Shared by the browser
 * editor and by anything on the server that needs the same schema.
 */
export function articleExtensions(options: ArticleExtensionOptions = {}): Extensions {
  return [
    StarterKit.configure({
      // The collaboration extension brings an undo that only undoes this user's changes.
      undoRedo: false,
      heading: { levels: [...headingLevels] },
      // News copy: no code, strike-through, underline or rules.
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      // It appends a paragraph by itself: every client (a reviewer's too) would write one at once.
      trailingNode: false,
      // Configured below: Galley's link does not grow when someone types right after it.
      link: false,
    }),
    Link.extend({ inclusive: () => false }).configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      isAllowedUri: (url) => isAllowedHref(url),
      shouldAutoLink: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
    }),
    BlockDirection,
    ForeignLanguage,
    Placeholder.configure({
      placeholder: ({ node }) => (node.type.name === "heading" ? "Section heading" : "Write the story…"),
    }),
    Extension.create({
      name: "pasteSanitizer",
      // Google Docs, Word and web pages bring styles, classes, scripts and quirks: only news copy gets in.
      addProseMirrorPlugins: () => [
        new Plugin({ key: new PluginKey("pasteSanitizer"), props: { transformPastedHTML: (html) => sanitizePastedHtml(html) } }),
      ],
    }),
    Extension.create({
      name: "linkShortcut",
      addKeyboardShortcuts: () => ({
        "Mod-k": () => {
          if (!options.onLinkShortcut) return false;
          options.onLinkShortcut();
          return true;
        },
      }),
    }),
  ];
}
