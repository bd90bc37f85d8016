/**
 * How long a passage must be gone from the live text before its card says
 * "On deleted text". When someone merges or splits a paragraph, the text is
 * still there, but everyone else's highlight is gone until that person's
 * editor stores the moved anchor, a few hundred milliseconds later (see
 * anchor-moves.ts): the card waits that out instead of flickering.
 */
export const deletedGraceMs = 1500;

export interface DeletedPassages {
  /** Threads to show as "On deleted text" now. */
  deleted: Set<string>;
  /** When to look again (ms from now), for a passage still in its grace; null when none is. */
  recheckInMs: number | null;
}

/**
 * Decides which missing passages count as deleted. `missingSince` (updated
 * in place) remembers when each was first missed; passages already known to
 * be deleted (shown so, or as the server says) need no grace.
 */
export function settleDeletedPassages(
  missing: readonly string[],
  knownDeleted: ReadonlySet<string>,
  missingSince: Map<string, number>,
  now: number,
  graceMs = deletedGraceMs,
): DeletedPassages {
  for (const id of missingSince.keys()) if (!missing.includes(id)) missingSince.delete(id);
  const deleted = new Set<string>();
  let recheckInMs: number | null = null;
  for (const id of missing) {
    const since = missingSince.get(id) ?? now;
    missingSince.set(id, since);
    const left = since + graceMs - now;
    if (knownDeleted.has(id) || left <= 0) deleted.add(id);
    else recheckInMs = Math.min(recheckInMs ?? left, left);
  }
  return { deleted, recheckInMs };
}
