import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { readArticleText } from "../docs";
import { insertUser } from "../testing/factories";
import { setupSuiteStore } from "../testing/suite";
import type { User } from "../users";
import { importArticle } from "./import-article";

const markdown = (text: string) => new TextEncoder().encode(text);

describe("importArticle", () => {
  const store = setupSuiteStore("sqlite");
  let writer: User;
  beforeAll(async () => {
    writer = await insertUser(store.db, { role: "writer", name: "Ines Importer" });
  });

  it("creates the article with its body already in the document", async () => {
    const row = await importArticle(store.db, writer, { name: "ferry.md", bytes: markdown("# Ferry strike\n\nCrews walk out at dawn.\n") });
    expect(row.title).toBe("Ferry strike");
    expect(await readArticleText(store.db, row.id)).toContain("Crews walk out at dawn.");
  });

  it("leaves no empty article behind when its document cannot be stored", async () => {
    // The store refuses the document write, as a full disk would.
    await sql`create trigger refuse_updates before insert on doc_updates begin select raise(abort, 'disk is full'); end`.execute(store.db);
    try {
      await expect(
        importArticle(store.db, writer, { name: "budget.md", bytes: markdown("# Council budget\n\nCuts to libraries.\n") }),
      ).rejects.toThrow("disk is full");
    } finally {
      await sql`drop trigger refuse_updates`.execute(store.db);
    }
    const titles = await store.db.selectFrom("articles").select("title").execute();
    expect(titles.map((row) => row.title)).not.toContain("Council budget");
  });
});
