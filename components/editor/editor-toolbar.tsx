"use client";

import type { Editor } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import { useEditorState } from "@tiptap/react";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { blockDirectionAt } from "@/lib/editor/block-direction";
import { LanguageDialog, LinkDialog } from "./toolbar-dialogs";
import { icons } from "./toolbar-icons";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? "⌘" : "Ctrl+";
const alt = isMac ? "⌥" : "Alt+";
const shift = isMac ? "⇧" : "Shift+";

/**
 * What the collaboration undo and redo commands check before they run. The
 * selector runs on every transaction, local and remote, and `can()` would
 * build the whole command chain twice for it.
 */
function undoStacks(state: EditorState) {
  const undoManager = yUndoPluginKey.getState(state)?.undoManager;
  return { canUndo: (undoManager?.undoStack.length ?? 0) > 0, canRedo: (undoManager?.redoStack.length ?? 0) > 0 };
}

interface ToolbarButton {
  id: string;
  label: string;
  /** Shown in the tooltip; `keys` is the aria-keyshortcuts form. */
  shortcut?: string;
  keys?: string;
  icon: ReactNode;
  /** Toggle buttons report their state with aria-pressed. */
  isPressed?: boolean;
  isDisabled?: boolean;
  run: () => void;
}

/**
 * Formatting for the article body. One tab stop (roving focus: arrow keys,
 * Home and End move between buttons), every button labelled, toggles with
 * aria-pressed. The state comes from a selector, so a keystroke re-renders
 * this bar only when what it shows changes.
 */
export function EditorToolbar({ editor, linkRequests }: { editor: Editor; linkRequests: EventTarget }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      isBold: e.isActive("bold"),
      isItalic: e.isActive("italic"),
      isLink: e.isActive("link"),
      isHeading2: e.isActive("heading", { level: 2 }),
      isHeading3: e.isActive("heading", { level: 3 }),
      isBulletList: e.isActive("bulletList"),
      isOrderedList: e.isActive("orderedList"),
      isQuote: e.isActive("blockquote"),
      isForeign: e.isActive("foreignLanguage"),
      direction: blockDirectionAt(e.state),
      ...undoStacks(e.state),
    }),
  });
  const [dialog, setDialog] = useState<"link" | "language" | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const buttonRefs = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    const open = () => setDialog("link");
    linkRequests.addEventListener("open", open);
    return () => linkRequests.removeEventListener("open", open);
  }, [linkRequests]);

  const chain = () => editor.chain().focus();
  const groups: ToolbarButton[][] = [
    [
      { id: "undo", label: "Undo", shortcut: `${mod}Z`, keys: "Control+Z", icon: icons.undo, isDisabled: !state.canUndo, run: () => chain().undo().run() },
      { id: "redo", label: "Redo", shortcut: `${mod}${shift}Z`, keys: "Control+Shift+Z", icon: icons.redo, isDisabled: !state.canRedo, run: () => chain().redo().run() },
    ],
    [
      { id: "h2", label: "H2 section heading", shortcut: `${mod}${alt}2`, keys: "Control+Alt+2", icon: "H2", isPressed: state.isHeading2, run: () => chain().toggleHeading({ level: 2 }).run() },
      { id: "h3", label: "H3 subheading", shortcut: `${mod}${alt}3`, keys: "Control+Alt+3", icon: "H3", isPressed: state.isHeading3, run: () => chain().toggleHeading({ level: 3 }).run() },
    ],
    [
      { id: "bold", label: "Bold", shortcut: `${mod}B`, keys: "Control+B", icon: <b>B</b>, isPressed: state.isBold, run: () => chain().toggleBold().run() },
      { id: "italic", label: "Italic", shortcut: `${mod}I`, keys: "Control+I", icon: <i>I</i>, isPressed: state.isItalic, run: () => chain().toggleItalic().run() },
      { id: "link", label: "Link", shortcut: `${mod}K`, keys: "Control+K", icon: icons.link, isPressed: state.isLink, run: () => setDialog("link") },
      { id: "language", label: "Foreign-language phrase", icon: icons.language, isPressed: state.isForeign, run: () => setDialog("language") },
    ],
    [
      { id: "bullets", label: "Bulleted list", shortcut: `${mod}${shift}8`, keys: "Control+Shift+8", icon: icons.bulletList, isPressed: state.isBulletList, run: () => chain().toggleBulletList().run() },
      { id: "numbers", label: "Numbered list", shortcut: `${mod}${shift}7`, keys: "Control+Shift+7", icon: icons.orderedList, isPressed: state.isOrderedList, run: () => chain().toggleOrderedList().run() },
      { id: "quote", label: "Block quote", shortcut: `${mod}${shift}B`, keys: "Control+Shift+B", icon: icons.quote, isPressed: state.isQuote, run: () => chain().toggleBlockquote().run() },
    ],
    [
      { id: "dir-auto", label: "Direction: automatic", icon: icons.directionAuto, isPressed: state.direction === null, run: () => chain().setBlockDirection(null).run() },
      { id: "dir-ltr", label: "Direction: left to right", icon: icons.directionLtr, isPressed: state.direction === "ltr", run: () => chain().setBlockDirection("ltr").run() },
      { id: "dir-rtl", label: "Direction: right to left", icon: icons.directionRtl, isPressed: state.direction === "rtl", run: () => chain().setBlockDirection("rtl").run() },
    ],
  ];
  const buttons = groups.flat();

  const moveFocus = (index: number) => {
    const next = (index + buttons.length) % buttons.length;
    setFocusIndex(next);
    buttonRefs.current[next]?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowRight: () => moveFocus(focusIndex + 1),
      ArrowLeft: () => moveFocus(focusIndex - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(buttons.length - 1),
    };
    const move = moves[event.key];
    if (!move || (event.target as HTMLElement).closest(".toolbar-dialog")) return;
    event.preventDefault();
    move();
  };

  let index = -1;
  return (
    <div className="editor-toolbar-wrap">
      <div role="toolbar" aria-label="Formatting" aria-controls="article-body" className="editor-toolbar" onKeyDown={onKeyDown}>
        {groups.map((group, groupIndex) => (
          <div className="editor-toolbar__group" role="group" key={groupIndex}>
            {group.map((button) => {
              index += 1;
              const position = index;
              return (
                <button
                  key={button.id}
                  ref={(node) => {
                    buttonRefs.current[position] = node;
                  }}
                  type="button"
                  className="editor-toolbar__button"
                  data-action={button.id}
                  aria-label={button.label}
                  aria-pressed={button.isPressed}
                  aria-keyshortcuts={button.keys}
                  title={button.shortcut ? `${button.label} (${button.shortcut})` : button.label}
                  tabIndex={position === focusIndex ? 0 : -1}
                  // aria-disabled, not disabled: a disabled button could not take the roving focus.
                  aria-disabled={button.isDisabled || undefined}
                  onFocus={() => setFocusIndex(position)}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => {
                    if (!button.isDisabled) button.run();
                  }}
                >
                  <span aria-hidden="true">{button.icon}</span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
      {dialog === "link" && <LinkDialog editor={editor} onClose={() => setDialog(null)} />}
      {dialog === "language" && <LanguageDialog editor={editor} onClose={() => setDialog(null)} />}
    </div>
  );
}
