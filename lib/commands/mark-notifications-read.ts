import { z } from "zod";
import type { Db } from "../db/client";
import { nowIso } from "../ids";
import type { User } from "../users";
import { parseInput } from "./users";

export const markNotificationsReadInput = z.object({
  /** Omitted: every unread notification of the user. */
  ids: z.array(z.string().min(1), { message: "ids must be a list of notification ids." }).max(500).optional(),
});

/**
 * Marks the user's own notifications read (others' ids are ignored, never
 * revealed). Answers how many changed. An inbox bookkeeping write: no audit.
 */
export async function markNotificationsRead(db: Db, user: User, raw: unknown): Promise<number> {
  const input = parseInput(markNotificationsReadInput, raw);
  if (input.ids && input.ids.length === 0) return 0;
  let query = db
    .updateTable("notifications")
    .set({ read_at: nowIso() })
    .where("user_id", "=", user.id)
    .where("read_at", "is", null);
  if (input.ids) query = query.where("id", "in", input.ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
