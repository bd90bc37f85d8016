import { describe, expect, it } from "vitest";
import { appendUpdates } from "../docs";
import { buildTemplateUpdate } from "../editor/template";
import { storeHeadline } from "../testing/documents";
import { seedNewsroom } from "../testing/newsroom";
import { storeKinds } from "../testing/stores";
import { setupSuiteStore } from "../testing/suite";
import { changesSinceSeen, recordSeen } from "./last-seen";
import { listVersions } from "./version-store";

describe.each(storeKinds)("changes since you last looked, on %s", (kind) => {
  const store = setupSuiteStore(kind);
  const edit = (articleId: string, headline: string) => storeHeadline(store.db, articleId, headline);

  it("says nothing to someone who has never looked, or when nothing changed since", async () => {
    const { article, writer, reviewer } = await seedNewsroom(store.db);
    await edit(article.id, "Fire at the harbour");
    expect(await changesSinceSeen(store.db, article.id, reviewer.id)).toBeNull();

    await recordSeen(store.db, article.id, reviewer.id);
    expect(await changesSinceSeen(store.db, article.id, reviewer.id)).toBeNull();
    // Someone else's visit is theirs alone.
    await edit(article.id, "Fire at the old harbour");
    expect(await changesSinceSeen(store.db, article.id, writer.id)).toBeNull();
  });

  it("counts the words changed since the version they saw, made when they looked if the content had moved on", async () => {
    const { article, reviewer } = await seedNewsroom(store.db);
    await edit(article.id, "Fire at the harbour");
    await recordSeen(store.db, article.id, reviewer.id);
    const [seenVersion] = await listVersions(store.db, article.id);
    expect(seenVersion).toMatchObject({ number: 1, kind: "auto" });

    await edit(article.id, "Fire at the old harbour");
    await edit(article.id, "Fire at the old harbour wall");
    const changes = await changesSinceSeen(store.db, article.id, reviewer.id);
    expect(changes).toMatchObject({ versionId: seenVersion!.id, versionNumber: 1, added: 2, removed: 0 });

    // Looking again moves the starting point to what they see now; a second look at the same text makes no version.
    await recordSeen(store.db, article.id, reviewer.id);
    await recordSeen(store.db, article.id, reviewer.id);
    expect(await changesSinceSeen(store.db, article.id, reviewer.id)).toBeNull();
    expect((await listVersions(store.db, article.id)).map((v) => v.number)).toEqual([2, 1]);

    await edit(article.id, "Fire at the harbour wall");
    expect(await changesSinceSeen(store.db, article.id, reviewer.id)).toMatchObject({ versionNumber: 2, added: 0, removed: 1 });
  });

  it("does not remember a look at an article nobody has written in: empty, or only the template", async () => {
    const { article, reviewer } = await seedNewsroom(store.db);
    await recordSeen(store.db, article.id, reviewer.id);
    await appendUpdates(store.db, [{ articleId: article.id, data: buildTemplateUpdate() }]);
    await recordSeen(store.db, article.id, reviewer.id);
    expect(await listVersions(store.db, article.id)).toEqual([]);
    await edit(article.id, "Fire at the harbour");
    expect(await changesSinceSeen(store.db, article.id, reviewer.id)).toBeNull();
  });
});
