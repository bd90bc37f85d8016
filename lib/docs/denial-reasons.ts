/**
 * The reasons the collab server gives in y-protocols' "permission denied"
 * message, read by Galley's editor (a stock client logs them). Kept apart
 * from everything else so the browser's first load takes only these words.
 */

/** Told to a read-only connection, once, when it opens or is downgraded. */
export const readOnlyReason = "read-only: you may follow this article but your changes are not accepted";

/**
 * Told when a read-only connection sent changes the document lacks (typed
 * offline, or before the downgrade was heard): the editor drops its copy of
 * them and goes back to what the server stores (lib/docs/refused-changes.ts).
 */
export const refusedChangesReason = "refused: your changes were not saved, you may not edit this article";
