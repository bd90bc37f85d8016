import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { caretBox, selectionBoxes, type Box, type Origin } from "@/lib/editor/field-caret-layout";
import { remoteFieldSelections, type RemoteFieldSelection } from "@/lib/editor/field-selection";
import { suggestionRanges, type SuggestionRange } from "@/lib/suggestions/text-suggestions";
import { colorForUser } from "../presence/identity";

/** Everything of the field's style that decides where a letter lands; the mirror copies it. */
const mirroredStyles = [
  "box-sizing",
  "border-top-width",
  "border-right-width",
  "border-bottom-width",
  "border-left-width",
  "border-style",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "font-family",
  "font-size",
  "font-size-adjust",
  "font-stretch",
  "font-style",
  "font-variant",
  "font-weight",
  "font-feature-settings",
  "font-kerning",
  "font-variant-ligatures",
  "line-height",
  "letter-spacing",
  "word-spacing",
  "tab-size",
  "text-align",
  "text-indent",
  "text-transform",
  "text-rendering",
  "white-space",
  "overflow-wrap",
  "word-break",
  "hyphens",
  "direction",
  "unicode-bidi",
] as const;

/** Laid out for an empty field, so a caret there has a line to stand on; it has no width. */
const emptyLine = "\u200b";

/**
 * Others' carets and selections, and suggestions, over a headline or standfirst textarea. A
 * hidden mirror of the field (same box, font and wrapping, the
 * textarea-caret-position technique) holds its text; ranges in the mirror
 * give each caret's and selection's rectangles, which are drawn in the
 * layer on top. Everything happens in the DOM, at most once a frame, and
 * only when something drawn may have moved.
 */
export class FieldCarets {
  private readonly mirror = document.createElement("div");
  private readonly mirrorText = document.createTextNode(emptyLine);
  private readonly marks = document.createElement("div");
  private readonly resizeObserver = new ResizeObserver(() => this.relayout());
  private frame = 0;
  /** What the marks show (text, direction, selections): the same again needs no layout. */
  private drawn = "";

  constructor(
    private readonly field: HTMLTextAreaElement,
    private readonly layer: HTMLElement,
    private readonly awareness: Awareness,
    private readonly text: Y.Text,
  ) {
    this.mirror.className = "field-carets__mirror";
    this.mirror.append(this.mirrorText);
    layer.replaceChildren(this.mirror, this.marks);
    awareness.on("change", this.onPresence);
    text.observe(this.refresh);
    // The field's own value changes without the Y.Text when held-back edits are shown after an input method ends.
    field.addEventListener("compositionend", this.refresh);
    this.resizeObserver.observe(field);
    document.fonts.addEventListener("loadingdone", this.relayout);
    void document.fonts.ready.then(() => this.relayout());
    this.refresh();
  }

  /** Draws in the next frame, if presence or text moved what is drawn. */
  refresh = () => {
    if (this.frame === 0) this.frame = requestAnimationFrame(this.draw);
  };

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.awareness.off("change", this.onPresence);
    this.text.unobserve(this.refresh);
    this.field.removeEventListener("compositionend", this.refresh);
    this.resizeObserver.disconnect();
    document.fonts.removeEventListener("loadingdone", this.relayout);
    this.layer.replaceChildren();
  }

  /** Others' presence changed; this person's own caret moving (every keystroke) changes nothing drawn here. */
  private onPresence = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const isOthers = (id: number) => id !== this.awareness.clientID;
    if (added.some(isOthers) || updated.some(isOthers) || removed.some(isOthers)) this.refresh();
  };

  /** The field's width or fonts changed: the same text and carets land elsewhere. */
  private relayout = () => {
    this.drawn = "";
    this.refresh();
  };

  private draw = () => {
    this.frame = 0;
    const selections = remoteFieldSelections(this.awareness, this.text);
    const suggestions = suggestionRanges(this.text);
    const value = this.field.value;
    const isRtl = this.field.dir === "rtl";
    const isEmpty = selections.length === 0 && suggestions.length === 0;
    const signature = isEmpty ? "" : JSON.stringify([value, isRtl, selections, suggestions]);
    if (signature === this.drawn) return;
    this.drawn = signature;
    this.layer.dataset.direction = isRtl ? "rtl" : "ltr";
    if (isEmpty) {
      this.marks.replaceChildren();
      // No copy of the text lingers in the page once no one needs it measured.
      this.mirrorText.data = emptyLine;
      return;
    }
    this.copyField(value);
    const layerBox = this.layer.getBoundingClientRect();
    // Were the field scrolled, its letters would sit higher than the mirror's by as much.
    const origin = { left: layerBox.left, top: layerBox.top + this.field.scrollTop };
    const underlines = suggestions.flatMap((suggestion) => this.drawSuggestion(suggestion, origin));
    const tints = selections.flatMap((selection) => this.drawSelection(selection, origin));
    const carets = selections.flatMap((selection) => this.drawCaret(selection, origin));
    // Tints under every caret, so no one's label is hidden under another's selection.
    this.marks.replaceChildren(...underlines, ...tints, ...carets);
  };

  private copyField(value: string): void {
    const style = getComputedStyle(this.field);
    for (const property of mirroredStyles) this.mirror.style.setProperty(property, style.getPropertyValue(property));
    this.mirror.dir = this.field.dir;
    this.mirror.style.top = `${this.field.offsetTop}px`;
    this.mirror.style.left = `${this.field.offsetLeft}px`;
    this.mirror.style.width = `${this.field.offsetWidth}px`;
    const shown = value || emptyLine;
    if (this.mirrorText.data !== shown) this.mirrorText.data = shown;
  }

  private rectsOf(from: number, to: number): Box[] {
    const length = this.mirrorText.length;
    const range = document.createRange();
    range.setStart(this.mirrorText, Math.min(from, length));
    range.setEnd(this.mirrorText, Math.min(to, length));
    return [...range.getClientRects()];
  }

  private drawSelection(selection: RemoteFieldSelection, origin: Origin): HTMLElement[] {
    if (selection.anchor === selection.head) return [];
    const rects = this.rectsOf(Math.min(selection.anchor, selection.head), Math.max(selection.anchor, selection.head));
    return selectionBoxes(rects, origin).map((box) => {
      const tint = placed("field-carets__selection", box);
      // The body's selections are the same colour at this opacity (y-prosemirror's default).
      tint.style.backgroundColor = `${selection.color}70`;
      return tint;
    });
  }

  /** A suggested insertion underlined, a suggested deletion struck through, in the suggester's colour. */
  private drawSuggestion(suggestion: SuggestionRange, origin: Origin): HTMLElement[] {
    return selectionBoxes(this.rectsOf(suggestion.from, suggestion.to), origin).map((box) => {
      const mark = placed(`field-suggestion field-suggestion--${suggestion.kind}`, box);
      mark.style.setProperty("--suggester-color", colorForUser(suggestion.by));
      return mark;
    });
  }

  private drawCaret(selection: RemoteFieldSelection, origin: Origin): HTMLElement[] {
    const box = caretBox(this.rectsOf(selection.head, selection.head), origin);
    if (!box) return [];
    const caret = placed("field-carets__caret", box);
    caret.style.backgroundColor = selection.color;
    const label = document.createElement("div");
    label.className = "field-carets__label";
    label.style.backgroundColor = selection.color;
    label.textContent = selection.userName;
    caret.append(label);
    return [caret];
  }
}

function placed(className: string, box: Box): HTMLElement {
  const element = document.createElement("div");
  element.className = className;
  element.style.left = `${box.left}px`;
  element.style.top = `${box.top}px`;
  element.style.width = `${box.width}px`;
  element.style.height = `${box.height}px`;
  return element;
}
