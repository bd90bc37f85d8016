/**
 * The Yjs document store: an append-only update log per article, folded into
 * a snapshot (with a plain-text rendering) in the background.
 */
export { decodeSnapshotState, encodeSnapshotState } from "./codec";
export { Compactor, type CompactorOptions } from "./compactor";
export {
  buildDocument,
  compactDocument,
  compactLiveDocument,
  loadDocument,
  readArticleText,
  type CompactionResult,
  type LiveDocument,
} from "./document";
export {
  appendUpdates,
  readSnapshotText,
  readStoredDocument,
  writeCompaction,
  type InsertedIds,
  type StoredDocument,
  type StoredSnapshot,
  type StoredUpdate,
} from "./store";
export { readOnlyReason, refusedChangesReason } from "./denial-reasons";
export { changesDocument, refusedText } from "./refused-changes";
export { articleFields, renderPlainText } from "./text";
export { UpdateWriter, type CommitInfo, type UpdateWriterOptions } from "./writer";
