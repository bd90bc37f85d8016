/**
 * What the article said and when: the projection of each document onto its
 * article row (title, standfirst, words, content hash), kept current by the
 * collab server's Projector after commits, and versions: immutable stored
 * states, made by hand, after bursts of editing, and by the workflow.
 */
export { canonicalRendering, projectArticle, readerText, type ArticleProjection } from "./projection";
export { projectStoredDocument, saveProjection } from "./projection-store";
export { Projector, type ProjectorOptions } from "./projector";
export { AutoVersioner, type AutoVersionerOptions } from "./auto-versioner";
export { makeVersion, type MakeVersionInput } from "./make-version";
export {
  findVersion,
  findVersionByNumber,
  latestVersion,
  listVersions,
  recordContributors,
  summarizeVersion,
  versionDocument,
  versionJson,
  versionText,
  type VersionSummary,
} from "./version-store";
export { countWordChanges, wordDiff, type DiffOp } from "./word-diff";
export { compareDocuments, type ComparedBlock, type ComparedSuggestion, type Comparison, type FoldedBlocks } from "./compare";
export { readBlocks, type ReadBlock } from "./blocks";
export { compareStates, type StateComparison } from "./compare-states";
export { restoreChange } from "./restore";
export { changesSinceSeen, changesSinceVersion, recordSeen, type ChangesSinceSeen } from "./last-seen";
