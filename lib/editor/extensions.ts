import { Extension, type Extensions } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { Bold } from "@tiptap/extension-bold";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Heading } from "@tiptap/extension-heading";
import { Italic } from "@tiptap/extension-italic";
import { Link } from "@tiptap/extension-link";
// Deep imports: the packages' entry points bring every extension they hold (task lists, undo history, …) into the
// page, unused, since they do not declare themselves free of side effects.
import { BulletList } from "@tiptap/extension-list/bullet-list";
import { ListItem } from "@tiptap/extension-list/item";
import { ListKeymap } from "@tiptap/extension-list/keymap";
import { OrderedList } from "@tiptap/extension-list/ordered-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";
import { Dropcursor } from "@tiptap/extensions/drop-cursor";
import { Gapcursor } from "@tiptap/extensions/gap-cursor";
import { Placeholder } from "@tiptap/extensions/placeholder";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { ForeignLanguage } from "./foreign-language";
import { isAllowedHref } from "./links";
import { BlockDirection } from "./block-direction";
import { sanitizePastedHtml } from "./paste";
import { SuggestDelete, SuggestInsert } from "./suggestion-marks";
import { isSuggesting } from "./suggesting";

export interface ArticleExtensionOptions {
  /** Mod-K: the editor UI opens its link dialog (the dialog validates what is typed). */
  onLinkShortcut?: () => void;
  /** The colour suggestions are drawn in, per suggester (the browser's presence colours). */
  suggesterColor?: (userId: string) => string;
}

/** A transaction in which y-tiptap applies a change from the Y.Doc: a colleague's, or this user's undo or redo. */
function isFromYjs(transaction: Transaction): boolean {
  return (transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
}

/**
 * The link extension's only appended transaction is autolinking. Changes from
 * the Y.Doc are left alone: a colleague's typing arrives already linked by
 * their own editor (linking it here too was work on every remote keystroke
 * and a second, concurrent edit of the same text), and an undo that took a
 * link away must not have it put back.
 */
function autolinkOwnTypingOnly(plugin: Plugin): Plugin {
  const append = plugin.spec.appendTransaction;
  if (!append) return plugin;
  return new Plugin({
    ...plugin.spec,
    // Nor while suggesting: linking text already typed would change its formatting, which a suggestion cannot.
    appendTransaction: (transactions, oldState, newState) =>
      transactions.some(isFromYjs) || isSuggesting(newState) ? null : append.call(plugin, transactions, oldState, newState),
  });
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
    // Configured here: Galley's link does not grow when someone types right after it, and only the writer's own
    // typing is autolinked.
    Link.extend({
      inclusive: () => false,
      addProseMirrorPlugins() {
        return (this.parent?.() ?? []).map(autolinkOwnTypingOnly);
      },
    }).configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: "https",
      isAllowedUri: (url) => isAllowedHref(url),
      shouldAutoLink: (url) => isAllowedHref(url),
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
    }),
    BlockDirection,
    ForeignLanguage,
    // In every schema, the server's too: a mark y-tiptap does not know makes it drop the text that carries it.
    SuggestInsert.configure({ colorFor: options.suggesterColor ?? null }),
    SuggestDelete.configure({ colorFor: options.suggesterColor ?? null }),
    SelectionBeforeKeys,
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

/**
 * Chromium reports a moved selection (selectionchange) in a task of its own,
 * and a key pressed right after Shift+Home can be handled first: ProseMirror
 * would then bold, split or delete at the old caret, not the new selection.
 * Its keydown handling reads the browser's selection only when a read is
 * already due, so this reads it before any key is handled (nothing to do when
 * the two agree). Runs before every other extension's keys.
 */
const SelectionBeforeKeys = Extension.create({
  name: "selectionBeforeKeys",
  priority: 10_000,
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey("selectionBeforeKeys"),
      props: {
        handleKeyDown(view, event) {
          // The view's DOM observer is internal to ProseMirror; its flush is what a selectionchange would run.
          // Not for 229 (a key the input method has, on Android every key): ProseMirror leaves those alone too.
          if (event.keyCode !== 229) (view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
          return false;
        },
      },
    }),
  ],
});
