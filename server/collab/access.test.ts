import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { mintToken } from "../../lib/auth/tokens";
import { authSecret } from "../../lib/auth/secret";
import { shareArticle } from "../../lib/commands/articles";
import { resetPassword, setUserDisabled, setUserRole } from "../../lib/commands/users";
import { readArticleText, readOnlyReason, refusedChangesReason } from "../../lib/docs";
import { nowIso } from "../../lib/ids";
import { addMember, insertArticle, insertUser } from "../../lib/testing/factories";
import type { User } from "../../lib/users";
import { registry } from "../metrics";
import {
  connectProvider,
  startCollab,
  tokenFor,
  upgradeStatus,
  waitFor,
  type TestCollab,
  type TestProvider,
} from "./testing/harness";

let server: TestCollab;
let owner: User;
const open: TestProvider[] = [];

beforeAll(async () => {
  server = await startCollab({ limits: { maxConnectionsPerUser: 3 } });
  owner = await insertUser(server.db, { role: "writer", name: "Olive Owner" });
});
afterEach(() => {
  for (const p of open.splice(0)) p.destroy();
});
afterAll(async () => {
  await server?.close();
});

function provider(user: User, articleId: string) {
  const p = connectProvider(server.url, articleId, { token: tokenFor(user) });
  open.push(p);
  return p;
}

async function refusalCount(reason: string): Promise<number> {
  const prefix = `galley_collab_refusals_total{reason="${reason}"}`;
  const line = (await registry.metrics()).split("\n").find((l) => l.startsWith(prefix));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("who may connect", () => {
  it("refuses an upgrade without credentials with 401", async () => {
    const article = await insertArticle(server.db, owner);
    expect(await upgradeStatus(server.url, article.id)).toBe(401);
  });

  it("refuses forged, expired and revoked tokens and disabled users with 401", async () => {
    const article = await insertArticle(server.db, owner);
    const forged = mintToken(owner, 3600, "someone-elses-secret-0123456789");
    const expired = mintToken(owner, -60);
    const disabled = await insertUser(server.db, { role: "editor", disabled: true });
    const reset = await insertUser(server.db, { role: "editor" });
    const tokenBeforeReset = tokenFor(reset);
    await resetPassword(server.db, "cli", reset.email, "a brand new password");

    for (const token of [forged, expired, tokenFor(disabled), tokenBeforeReset, "glt1.garbage"]) {
      expect(await upgradeStatus(server.url, article.id, { token })).toBe(401);
    }
  });

  it("refuses 403 to a user the policy does not let view the article, and 404 for an unknown article", async () => {
    const article = await insertArticle(server.db, owner);
    const stranger = await insertUser(server.db, { role: "writer" });
    expect(await upgradeStatus(server.url, article.id, { token: tokenFor(stranger) })).toBe(403);
    expect(await upgradeStatus(server.url, "no-such-article", { token: tokenFor(stranger) })).toBe(404);
    // Without credentials an unknown article is not revealed as unknown.
    expect(await upgradeStatus(server.url, "no-such-article")).toBe(401);
  });

  it("accepts the session cookie from Galley's own pages only", async () => {
    const article = await insertArticle(server.db, owner);
    const session = await encode({ token: { sub: owner.id, ver: owner.tokenVersion }, secret: authSecret() });
    const cookie = `next-auth.session-token=${session}`;
    const host = `127.0.0.1:${server.port}`;
    expect(await upgradeStatus(server.url, article.id, {}, { cookie, origin: `http://${host}` })).toBe(101);
    expect(await upgradeStatus(server.url, article.id, {}, { cookie, origin: "https://evil.example" })).toBe(403);
  });

  it("caps the connections one user may hold", async () => {
    const article = await insertArticle(server.db, owner);
    const busy = await insertUser(server.db, { role: "editor" });
    const held = [provider(busy, article.id), provider(busy, article.id), provider(busy, article.id)];
    await Promise.all(held.map((p) => p.synced));
    expect(await upgradeStatus(server.url, article.id, { token: tokenFor(busy) })).toBe(429);
  });
});

describe("read-only connections", () => {
  it("a read-only connection with nothing new hears it is read-only; one whose changes are refused is told so", async () => {
    // Published: the assigned reviewer still reads it, but there is nothing left to suggest.
    const article = await insertArticle(server.db, owner, { status: "published" });
    const reviewer = await insertUser(server.db, { role: "reviewer", name: "Remy Reviewer" });
    await addMember(server.db, article.id, reviewer, "reviewer");
    const reviewing = provider(reviewer, article.id);
    await reviewing.synced;
    await waitFor(() => reviewing.denied.length > 0, "the read-only notice");
    expect(reviewing.denied).toEqual([readOnlyReason]);

    reviewing.doc.getText("headline").insert(0, "Typed while read-only");
    await waitFor(() => reviewing.denied.length > 1, "the refusal of the change");
    expect(reviewing.denied).toEqual([readOnlyReason, refusedChangesReason]);
    expect(await readArticleText(server.db, article.id)).toBe("");
  });

  it("reviewer's plain edits are refused and never reach the writer, while the writer's reach the reviewer", async () => {
    const article = await insertArticle(server.db, owner, { status: "in_review" });
    const reviewer = await insertUser(server.db, { role: "reviewer", name: "Rita Reviewer" });
    await addMember(server.db, article.id, reviewer, "reviewer");
    const refusedBefore = await refusalCount("not_a_suggestion");
    const writing = provider(owner, article.id);
    const reviewing = provider(reviewer, article.id);
    await Promise.all([writing.synced, reviewing.synced]);

    reviewing.doc.getText("headline").insert(0, "REVIEWER WAS HERE ");
    writing.doc.getText("headline").insert(0, "Budget passes");
    await waitFor(
      () => reviewing.doc.getText("headline").toString().includes("Budget passes"),
      "the reviewer to get the writer's edit",
    );
    await server.collab.idle();

    expect(writing.doc.getText("headline").toString()).toBe("Budget passes");
    expect(await readArticleText(server.db, article.id)).toBe("Budget passes");
    expect(await refusalCount("not_a_suggestion")).toBeGreaterThan(refusedBefore);
    expect(reviewing.denied).toContain(refusedChangesReason);
  });

  it("a read-only connection still shares its presence, under its real name", async () => {
    const article = await insertArticle(server.db, owner, { status: "in_review" });
    const reviewer = await insertUser(server.db, { role: "reviewer", name: "Rita Reviewer" });
    await addMember(server.db, article.id, reviewer, "reviewer");
    const writing = provider(owner, article.id);
    const reviewing = provider(reviewer, article.id);
    await Promise.all([writing.synced, reviewing.synced]);

    reviewing.provider.awareness.setLocalStateField("user", { name: "Someone Else", color: "#c33" });
    const clientId = reviewing.doc.clientID;
    await waitFor(
      () => writing.provider.awareness.getStates().get(clientId)?.user !== undefined,
      "the reviewer's presence",
    );

    expect(writing.provider.awareness.getStates().get(clientId)?.user).toEqual({
      id: reviewer.id,
      name: "Rita Reviewer",
      color: "#c33",
    });
  });
});

describe("access changes on open connections", () => {
  it("a role change made in this process downgrades an open connection to read-only at once", async () => {
    // Published: the desk corrects it, a reviewer only reads it.
    const article = await insertArticle(server.db, owner, { status: "published" });
    const desk = await insertUser(server.db, { role: "editor" });
    await addMember(server.db, article.id, desk, "reviewer");
    const otherDesk = await insertUser(server.db, { role: "editor" });
    const demoted = provider(desk, article.id);
    const writing = provider(otherDesk, article.id);
    await Promise.all([demoted.synced, writing.synced]);

    expect(demoted.denied).toEqual([]);

    await setUserRole(server.db, "cli", desk.email, "reviewer");
    await waitFor(() => demoted.denied.length > 0, "the read-only notice", 1500);
    demoted.doc.getText("headline").insert(0, "after demotion");
    writing.doc.getText("headline").insert(0, "writer still writes");
    await waitFor(
      () => demoted.doc.getText("headline").toString().includes("writer still writes"),
      "the writer's edit",
    );
    await server.collab.idle();

    expect(writing.doc.getText("headline").toString()).toBe("writer still writes");
  });

  it("a role change made by another process (straight in the store) takes effect within a second", async () => {
    const article = await insertArticle(server.db, owner);
    const desk = await insertUser(server.db, { role: "editor" });
    const connected = provider(desk, article.id);
    await connected.synced;

    // What the CLI does from its own process: no event reaches this one.
    await server.db
      .updateTable("users")
      .set({ role: "writer", updated_at: nowIso() })
      .where("id", "=", desk.id)
      .execute();

    await waitFor(() => connected.closeCodes.includes(4403), "the connection to close with 4403", 1500);
  });

  it("disabling a user or resetting their password closes their connections with 4401", async () => {
    const article = await insertArticle(server.db, owner);
    const disabled = await insertUser(server.db, { role: "editor" });
    const reset = await insertUser(server.db, { role: "editor" });
    const a = provider(disabled, article.id);
    const b = provider(reset, article.id);
    await Promise.all([a.synced, b.synced]);

    await setUserDisabled(server.db, "cli", disabled.email, true);
    await server.db
      .updateTable("users")
      .set({ token_version: reset.tokenVersion + 1, updated_at: nowIso() })
      .where("id", "=", reset.id)
      .execute();

    await waitFor(() => a.closeCodes.includes(4401), "the disabled user's connection to close", 1500);
    await waitFor(() => b.closeCodes.includes(4401), "the reset user's connection to close", 1500);
    // 4401 tells the stock provider not to come back.
    expect(a.provider.shouldConnect).toBe(false);
  });

  it("sharing an article as author lets a writer who could only suggest edit", async () => {
    const article = await insertArticle(server.db, owner);
    const colleague = await insertUser(server.db, { role: "writer" });
    await addMember(server.db, article.id, colleague, "reviewer");
    const joining = provider(colleague, article.id);
    const writing = provider(owner, article.id);
    await Promise.all([joining.synced, writing.synced]);

    // Assigned to review a draft: they may suggest, so they are not told they are read-only.
    expect(joining.denied).toEqual([]);
    // Typed as a plain edit while they may only suggest: refused now, sent again once the share lets them edit.
    joining.doc.getText("headline").insert(0, "now an author");
    await waitFor(() => joining.denied.includes(refusedChangesReason), "the refusal of the plain edit");

    await shareArticle(server.db, "cli", { articleId: article.id, email: colleague.email, as: "author" });

    await waitFor(
      () => writing.doc.getText("headline").toString() === "now an author",
      "the writer to see the colleague's edit",
    );
  });
});
