import { Mark, mergeAttributes } from "@tiptap/core";
import { directionOfLanguage, isLanguageTag } from "./direction";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    foreignLanguage: {
      /** Marks the selection as written in `lang` (a BCP 47 tag such as "ar" or "he"). */
      setForeignLanguage: (lang: string) => ReturnType;
      unsetForeignLanguage: () => ReturnType;
    };
  }
}

/** The language of a marked phrase, or null when the stored value is not a language tag. */
export function foreignLanguageOf(attrs: Record<string, unknown>): string | null {
  return typeof attrs.lang === "string" && isLanguageTag(attrs.lang) ? attrs.lang : null;
}

/**
 * A phrase in another language inside a block: `<span lang dir>`. Only the
 * language is stored; the direction follows from it, so the two never
 * disagree. Screen readers switch voice on `lang`; browsers lay the phrase
 * out in its own direction without affecting the sentence around it.
 */
export const ForeignLanguage = Mark.create({
  name: "foreignLanguage",
  // Typing after the phrase continues in the paragraph's language.
  inclusive: false,

  addAttributes() {
    return {
      lang: {
        default: null,
        parseHTML: (element) => {
          const lang = element.getAttribute("lang");
          return lang && isLanguageTag(lang) ? lang : null;
        },
        renderHTML: (attributes) => {
          const lang = foreignLanguageOf(attributes);
          return lang ? { lang, dir: directionOfLanguage(lang) } : {};
        },
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: "span[lang]",
        // Word and Docs put lang on every run; keep it where it matters: an explicit dir or a right-to-left language.
        getAttrs: (element) => {
          const lang = element.getAttribute("lang");
          if (!lang || !isLanguageTag(lang)) return false;
          return element.hasAttribute("dir") || directionOfLanguage(lang) === "rtl" ? null : false;
        },
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setForeignLanguage:
        (lang) =>
        ({ commands }) =>
          isLanguageTag(lang) ? commands.setMark(this.name, { lang }) : false,
      unsetForeignLanguage:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name, { extendEmptyMarkRange: true }),
    };
  },
});
