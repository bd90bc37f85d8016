import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";

/** Y.relativePositionToJSON's shape: plain numbers and strings, so it travels in awareness as JSON. */
export interface RelativePositionJson {
  type?: { client: number; clock: number };
  tname?: string;
  item?: { client: number; clock: number };
  assoc?: number;
}

/**
 * What a client publishes under `field` in its awareness state while its
 * caret is in the headline or standfirst (the body's caret is `cursor`,
 * owned by the caret extension). Relative positions, not indexes, so the
 * caret stays on the same letters while others type before it.
 */
export interface FieldSelectionState {
  /** The Y.Text's name in the document (lib/docs/text.ts articleFields). */
  name: string;
  anchor: RelativePositionJson;
  head: RelativePositionJson;
}

/** Someone else's caret and selection in one field, as indexes into its current text. */
export interface RemoteFieldSelection {
  clientId: number;
  userName: string;
  color: string;
  anchor: number;
  head: number;
}

/** The name a root Y.Text is shared under in its document. */
export function fieldNameOf(text: Y.Text): string {
  for (const [name, type] of text.doc?.share ?? []) {
    if ((type as unknown) === text) return name;
  }
  throw new Error("A field's caret needs a Y.Text shared at the root of a Y.Doc");
}

/** The selection `anchor`…`head` (UTF-16 indexes, head is where the caret is) of `text`, ready for awareness. */
export function encodeFieldSelection(text: Y.Text, anchor: number, head: number): FieldSelectionState {
  const at = (index: number) =>
    Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, Math.max(0, Math.min(index, text.length)))) as RelativePositionJson;
  return { name: fieldNameOf(text), anchor: at(anchor), head: at(head) };
}

/**
 * The selection another client published, as indexes into `text` now, or
 * null when it is not in this field or is not a valid position of it
 * (awareness is whatever a peer chose to send).
 */
export function resolveFieldSelection(text: Y.Text, value: unknown): { anchor: number; head: number } | null {
  if (!isRecord(value) || value.name !== fieldNameOf(text)) return null;
  const anchor = resolvePosition(text, value.anchor);
  const head = resolvePosition(text, value.head);
  return anchor === null || head === null ? null : { anchor, head };
}

/** Everyone else's caret in this field, from the awareness states (the server stamped each `user`). */
export function remoteFieldSelections(awareness: Awareness, text: Y.Text): RemoteFieldSelection[] {
  const selections: RemoteFieldSelection[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID || !isRecord(state) || !state.field) continue;
    const selection = resolveFieldSelection(text, state.field);
    if (!selection) continue;
    const user = isRecord(state.user) ? state.user : {};
    selections.push({
      clientId,
      userName: typeof user.name === "string" && user.name ? user.name : "Someone",
      color: typeof user.color === "string" && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : "#4b5563",
      ...selection,
    });
  }
  return selections;
}

/**
 * Publishes this client's selection in one field: only when it moved (the
 * browser reports the same selection many times), and cleared only while it
 * is this field's (focus may already have moved to the next field).
 */
export class FieldSelectionPublisher {
  private readonly name: string;
  private published = "";

  constructor(
    private readonly awareness: Awareness,
    private readonly text: Y.Text,
  ) {
    this.name = fieldNameOf(text);
  }

  publish(anchor: number, head: number): void {
    const state = encodeFieldSelection(this.text, anchor, head);
    const json = JSON.stringify(state);
    if (json === this.published && this.ownsLocalField()) return;
    this.published = json;
    this.awareness.setLocalStateField("field", state);
  }

  clear(): void {
    this.published = "";
    if (this.ownsLocalField()) this.awareness.setLocalStateField("field", null);
  }

  private ownsLocalField(): boolean {
    const field: unknown = this.awareness.getLocalState()?.field;
    return isRecord(field) && field.name === this.name;
  }
}

const isId = (value: unknown): value is { client: number; clock: number } =>
  isRecord(value) && Number.isSafeInteger(value.client) && Number.isSafeInteger(value.clock);

function resolvePosition(text: Y.Text, json: unknown): number | null {
  if (!isRecord(json)) return null;
  if (json.type !== undefined && !isId(json.type)) return null;
  if (json.item !== undefined && !isId(json.item)) return null;
  if (json.assoc !== undefined && !Number.isSafeInteger(json.assoc)) return null;
  // Only this field's own name: Y.Doc.get would create whatever root type a peer names.
  if (json.tname !== undefined && json.tname !== fieldNameOf(text)) return null;
  if (json.item === undefined && json.tname === undefined && json.type === undefined) return null;
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), text.doc!);
    return position && position.type === text ? Math.min(position.index, text.length) : null;
  } catch {
    // Yjs answers null for items not received yet, but throws on some inconsistent ids: nothing to draw either way.
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
