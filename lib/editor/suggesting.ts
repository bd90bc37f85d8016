import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { newSuggestionId, suggestDelete, suggestInsert } from "../suggestions/marks";
import { ownMarkAround, suggestTransaction } from "./suggest-transaction";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggesting: {
      /** Editing (changes go straight in) or suggesting (changes are proposed, lib/editor/suggest-transaction.ts). */
      setSuggesting: (isOn: boolean) => ReturnType;
    };
  }
}

export interface SuggestingOptions {
  /** Whose suggestions this editor makes; without one it never suggests. */
  userId: string | null;
  /** Starts in suggesting mode (always, for who may only suggest). */
  isInitiallyOn: boolean;
  /** Something was typed that cannot be suggested (a paragraph break, formatting): it was not made. */
  onUnsuggestable?: () => void;
}

export const suggestingKey = new PluginKey<{ isOn: boolean }>("suggesting");

export const isSuggesting = (state: EditorState) => suggestingKey.getState(state)?.isOn === true;

/** A change that arrives from the Y.Doc (a colleague's, or this user's undo): never turned into a suggestion again. */
function isFromYjs(transaction: Transaction): boolean {
  return (transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
}

/**
 * Suggesting mode: while it is on, each change this user makes to the body
 * is dispatched as its suggestion instead. The server checks the result
 * for who may only suggest; for who may edit, it is their choice.
 */
export const Suggesting = Extension.create<SuggestingOptions>({
  name: "suggesting",
  addOptions: () => ({ userId: null, isInitiallyOn: false }),

  addProseMirrorPlugins() {
    const isInitiallyOn = this.options.isInitiallyOn;
    const userId = this.options.userId;
    return [
      new Plugin({
        key: suggestingKey,
        state: {
          init: () => ({ isOn: isInitiallyOn }),
          apply: (tr, value) => (tr.getMeta(suggestingKey) as { isOn: boolean } | undefined) ?? value,
        },
        props: {
          handleDOMEvents: {
            // An input method composes in the DOM; were its text marked only afterwards, the editor would redraw it
            // mid-composition and the input method would lose it. So the composition starts inside the mark.
            compositionstart: (view) => {
              if (!userId || !isSuggesting(view.state)) return false;
              const { state } = view;
              const types = { insert: state.schema.marks[suggestInsert]!, delete: state.schema.marks[suggestDelete]! };
              const head = state.selection.head;
              const attrs = ownMarkAround(state.doc, head, head, types, userId) ?? { id: newSuggestionId(), by: userId, at: Date.now() };
              const kept = (state.storedMarks ?? state.selection.$head.marks()).filter((mark) => mark.type !== types.insert && mark.type !== types.delete);
              view.dispatch(state.tr.setStoredMarks(types.insert.create(attrs).addToSet(kept)));
              return false;
            },
          },
        },
      }),
    ];
  },

  addCommands() {
    return {
      setSuggesting:
        (isOn) =>
        ({ tr, dispatch }) => {
          dispatch?.(tr.setMeta(suggestingKey, { isOn }));
          return true;
        },
    };
  },

  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    const userId = this.options.userId;
    if (!userId || !transaction.docChanged || !isSuggesting(state) || isFromYjs(transaction)) return next(transaction);
    const suggested = suggestTransaction(state, transaction, { userId, now: Date.now(), newId: newSuggestionId });
    if (suggested) return next(suggested);
    this.options.onUnsuggestable?.();
  },
});
