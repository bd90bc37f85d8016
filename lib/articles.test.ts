import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleStatus } from "./db/schema";
import { findArticleAccess, findArticleSummary, listArticleMembers, listArticlesForActor } from "./articles";
import { can } from "./policy";
import { addMember, insertArticle, insertUser } from "./testing/factories";
import { createTestStore, storeKinds, type TestStore } from "./testing/stores";
import { toActor, type User } from "./users";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();

describe.each(storeKinds)("articles on %s", (kind) => {
  let store: TestStore;
  const people = {} as Record<"admin" | "editor" | "ann" | "bob" | "rita" | "sam", User>;
  const ids = {} as Record<"a1" | "a2" | "b1" | "b2" | "b3" | "c1", string>;
  /** Title of each article id, to read failures as titles. */
  const titleOf = new Map<string, string>();
  const titles = async (actor: User, filter?: Parameters<typeof listArticlesForActor>[2]) =>
    (await listArticlesForActor(store.db, toActor(actor), filter)).map((a) => titleOf.get(a.id));

  beforeAll(async () => {
    store = await createTestStore(kind);
    const db = store.db;
    people.admin = await insertUser(db, { role: "admin", name: "Ada Admin" });
    people.editor = await insertUser(db, { role: "editor", name: "Ed Editor" });
    people.ann = await insertUser(db, { role: "writer", name: "Ann Writer" });
    people.bob = await insertUser(db, { role: "writer", name: "Bob Writer" });
    people.rita = await insertUser(db, { role: "reviewer", name: "Rita Reviewer" });
    people.sam = await insertUser(db, { role: "reviewer", name: "Sam Reviewer" });
    const add = async (key: keyof typeof ids, owner: User, title: string, status: ArticleStatus, minute: number) => {
      ids[key] = (await insertArticle(db, owner, { title, status, updatedAt: at(minute) })).id;
      titleOf.set(ids[key], title);
    };
    await add("a1", people.ann, "City budget: 50% cut", "draft", 1);
    await add("a2", people.ann, "Rates_2025 explained", "in_review", 2);
    await add("b1", people.bob, "Élection night live", "draft", 3);
    await add("b2", people.bob, "Plain story", "published", 4);
    await add("b3", people.bob, "Back\\slash of the week", "changes_requested", 5);
    await add("c1", people.editor, "Budget 500 approved", "in_review", 6);
    await addMember(db, ids.b1, people.ann, "author");
    await addMember(db, ids.b1, people.rita, "reviewer");
    await addMember(db, ids.b2, people.rita, "reviewer");
    await addMember(db, ids.b2, people.ann, "reviewer");
  });
  afterAll(async () => {
    await store?.dispose();
  });

  describe("listArticlesForActor", () => {
    it("shows admins and editors every article, newest update first", async () => {
      const all = [
        "Budget 500 approved",
        "Back\\slash of the week",
        "Plain story",
        "Élection night live",
        "Rates_2025 explained",
        "City budget: 50% cut",
      ];
      expect(await titles(people.admin)).toEqual(all);
      expect(await titles(people.editor)).toEqual(all);
    });

    it("shows writers their own articles and those shared with them", async () => {
      expect(await titles(people.ann)).toEqual([
        "Plain story",
        "Élection night live",
        "Rates_2025 explained",
        "City budget: 50% cut",
      ]);
      expect(await titles(people.bob)).toEqual(["Back\\slash of the week", "Plain story", "Élection night live"]);
    });

    it("shows reviewers what they are assigned and whatever is in review", async () => {
      expect(await titles(people.rita)).toEqual([
        "Budget 500 approved",
        "Plain story",
        "Élection night live",
        "Rates_2025 explained",
      ]);
      expect(await titles(people.sam)).toEqual(["Budget 500 approved", "Rates_2025 explained"]);
    });

    it("never lists what the policy would refuse to show, nor hides what it allows", async () => {
      for (const person of Object.values(people)) {
        const listed = new Set((await listArticlesForActor(store.db, toActor(person))).map((a) => a.id));
        for (const id of Object.values(ids)) {
          const access = (await findArticleAccess(store.db, id, person.id))!;
          expect(listed.has(id), `${person.name} / ${titleOf.get(id)}`).toBe(can(toActor(person), "article:view", access));
        }
      }
    });

    it("filters by status within what the actor may see", async () => {
      expect(await titles(people.admin, { status: "draft" })).toEqual(["Élection night live", "City budget: 50% cut"]);
      expect(await titles(people.ann, { status: "in_review" })).toEqual(["Rates_2025 explained"]);
      expect(await titles(people.sam, { status: "draft" })).toEqual([]);
    });

    it("searches titles case-insensitively, ignoring surrounding spaces", async () => {
      expect(await titles(people.admin, { query: "  BUDGET " })).toEqual(["Budget 500 approved", "City budget: 50% cut"]);
      expect(await titles(people.ann, { query: "budget" })).toEqual(["City budget: 50% cut"]);
      expect(await titles(people.admin, { query: "nothing like this" })).toEqual([]);
    });

    it("folds accented capitals too", async () => {
      expect(await titles(people.admin, { query: "élection" })).toEqual(["Élection night live"]);
      expect(await titles(people.admin, { query: "ÉLECTION" })).toEqual(["Élection night live"]);
    });

    it("treats % _ and \\ in a search as the characters themselves", async () => {
      expect(await titles(people.admin, { query: "50%" })).toEqual(["City budget: 50% cut"]);
      expect(await titles(people.admin, { query: "%" })).toEqual(["City budget: 50% cut"]);
      expect(await titles(people.admin, { query: "_" })).toEqual(["Rates_2025 explained"]);
      expect(await titles(people.admin, { query: "\\" })).toEqual(["Back\\slash of the week"]);
    });

    it("combines status and search, and honours a limit", async () => {
      expect(await titles(people.admin, { status: "in_review", query: "budget" })).toEqual(["Budget 500 approved"]);
      expect(await titles(people.admin, { limit: 2 })).toEqual(["Budget 500 approved", "Back\\slash of the week"]);
    });

    it("names the owner first, then co-authors, but never reviewers", async () => {
      const election = (await listArticlesForActor(store.db, toActor(people.admin))).find((a) => a.id === ids.b1);
      expect(election!.authors).toEqual([
        { id: people.bob.id, name: "Bob Writer" },
        { id: people.ann.id, name: "Ann Writer" },
      ]);
      const plain = await findArticleSummary(store.db, ids.b2);
      expect(plain).toMatchObject({ title: "Plain story", status: "published", ownerId: people.bob.id });
      expect(plain!.authors).toEqual([{ id: people.bob.id, name: "Bob Writer" }]);
    });
  });

  describe("findArticleAccess", () => {
    it("answers the article as this user's relation to it", async () => {
      expect(await findArticleAccess(store.db, ids.b1, people.ann.id)).toEqual({
        id: ids.b1,
        status: "draft",
        ownerId: people.bob.id,
        membership: "author",
        owesSignoff: false,
      });
      expect((await findArticleAccess(store.db, ids.b1, people.rita.id))!.membership).toBe("reviewer");
      expect((await findArticleAccess(store.db, ids.b1, people.sam.id))!.membership).toBeNull();
      expect(await findArticleAccess(store.db, "no-such-article", people.admin.id)).toBeUndefined();
    });
  });

  describe("listArticleMembers", () => {
    it("lists the owner first, then members by name, each once", async () => {
      expect(await listArticleMembers(store.db, ids.b1)).toEqual([
        { userId: people.bob.id, name: "Bob Writer", email: people.bob.email, role: "owner" },
        { userId: people.ann.id, name: "Ann Writer", email: people.ann.email, role: "author" },
        { userId: people.rita.id, name: "Rita Reviewer", email: people.rita.email, role: "reviewer" },
      ]);
      expect(await listArticleMembers(store.db, "no-such-article")).toEqual([]);
    });
  });
});
