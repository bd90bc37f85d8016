import { Extension, type Extensions } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { Bold } from "@tiptap/extension-bold";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Heading } from "@tiptap/extension-heading";
import { Italic } from "@tiptap/extension-italic";
import { Link } from "@tiptap/extension-link";
import { BulletList, ListItem, ListKeymap, OrderedList } from "@tiptap/extension-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";
import { Dropcursor, Gapcursor, Placeholder } from "@tiptap/extensions";
import { Plugin, PluginKey } from "@tiptap/pm/state";
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
    // StarterKit's extensions in its order, without the ones news copy does not use: StarterKit would bring their
    // code (code blocks, strike-through, underline, rules, its own undo history) to every reader of the page.
    // The collaboration extension brings an undo that only undoes this user's changes; StarterKit's trailing node
    // would make every client (a reviewer's too) append a paragraph at once.
    Bold,
    Blockquote,
    BulletList,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [...headingLevels] }),
    Italic,
    ListItem,
    ListKeymap,
    OrderedList,
    Paragraph,
    Text,
    // Configured here: Galley's link does not grow when someone types right after it.
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
