import type { DbOrTx } from "../db/client";
import type { User } from "../users";
import { addMember, insertArticle, insertUser } from "./factories";

/** The people of a small newsroom, one for each part a test asks about, and the article they work on. */
export interface Newsroom {
  admin: User;
  editor: User;
  /** Owns `article`. */
  writer: User;
  /** A second writer, not on `article`: tests share it with them or hand them their own. */
  coauthor: User;
  /** A writer `article` is never shared with. */
  outsider: User;
  /** Assigned to review `article`. */
  reviewer: User;
  /** A draft titled "Harbour fire", owned by `writer`, with `reviewer` assigned. */
  article: { id: string; title: string };
}

export type NewsroomPerson = Exclude<keyof Newsroom, "article">;

const defaultNames: Record<NewsroomPerson, string> = {
  admin: "Ada Admin",
  editor: "Eve Editor",
  writer: "Wes Writer",
  coauthor: "Cora Coauthor",
  outsider: "Olly Outsider",
  reviewer: "Rae Reviewer",
};

let seeded = 0;

/**
 * Inserts the newsroom into a store (SQLite or PostgreSQL alike). Emails name the part
 * (`reviewer-3@newsroom.test`), so a search for a person's name matches no one else's email.
 */
export async function seedNewsroom(
  db: DbOrTx,
  options: { names?: Partial<Record<NewsroomPerson, string>> } = {},
): Promise<Newsroom> {
  seeded += 1;
  const person = (part: NewsroomPerson, role: User["role"]) =>
    insertUser(db, { role, name: options.names?.[part] ?? defaultNames[part], email: `${part}-${seeded}@newsroom.test` });
  const admin = await person("admin", "admin");
  const editor = await person("editor", "editor");
  const writer = await person("writer", "writer");
  const coauthor = await person("coauthor", "writer");
  const outsider = await person("outsider", "writer");
  const reviewer = await person("reviewer", "reviewer");
  const article = await insertArticle(db, writer, { title: "Harbour fire" });
  await addMember(db, article.id, reviewer, "reviewer");
  return { admin, editor, writer, coauthor, outsider, reviewer, article };
}
