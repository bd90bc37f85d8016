import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeCode } from "../lib/collab-protocol";
import { readArticleText } from "../lib/docs";
import { childPids, ensureBuild, freePort, startGalleyProcess, type GalleyProcess } from "../lib/testing/galley-process";
import { insertArticle, insertUser } from "../lib/testing/factories";
import { createTestStore, type TestStore } from "../lib/testing/stores";
import { connectProvider, tokenFor, waitFor, type TestProvider } from "./collab/testing/harness";

/**
 * `npm start` as shipped, on SQLite without Redis: the web process hands
 * every /collab/ socket to a collaboration process of its own. The two share
 * live events over IPC; the collaboration process comes back when it dies,
 * and never outlives the web process.
 */
let store: TestStore;
let galley: GalleyProcess | undefined;
const providers: TestProvider[] = [];

/** A process's (main thread's) nice value, from /proc. */
const niceOf = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);

/** Alive and not a zombie waiting to be reaped (the kernel's state letter in /proc). */
function isRunning(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

beforeAll(async () => {
  ensureBuild();
  // The store the process opens: a fresh SQLite file in its own DATA_DIR.
  store = await createTestStore("sqlite");
}, 300_000);

afterAll(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await galley?.stop();
  await store?.dispose();
}, 60_000);

it("serves the collab socket from a process of its own, carries events to it, restarts it, and never leaves it behind", async () => {
  const [writer, colleague] = [await insertUser(store.db, { role: "editor", name: "Wren Writer" }), await insertUser(store.db, { role: "editor", name: "Cal Colleague" })];
  const article = await insertArticle(store.db, writer);
  galley = await startGalleyProcess(await freePort(), {
    DATA_DIR: path.dirname(store.url),
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET!,
    LOG_LEVEL: "warn",
  });
  const web = galley;
  const [collabPid] = childPids(web.child.pid!);
  expect(collabPid).toBeGreaterThan(0);
  // When both want the CPU, the collaboration process goes first.
  expect(niceOf(web.child.pid!)).toBe(niceOf(collabPid!) + 5);

  const join = (user: typeof writer) => {
    const p = connectProvider(`ws://127.0.0.1:${web.port}/collab`, article.id, { token: tokenFor(user), events: "1" });
    const events: { type: string; commentId?: string }[] = [];
    p.provider.messageHandlers[9] = (_encoder, decoder) => void events.push(JSON.parse(decoding.readVarString(decoder)));
    providers.push(p);
    return Object.assign(p, { events });
  };
  const mine = join(writer);
  const theirs = join(colleague);
  await Promise.all([mine.synced, theirs.synced]);
  mine.doc.getText("headline").insert(0, "Ferry strike ends");
  await waitFor(() => theirs.doc.getText("headline").toString() === "Ferry strike ends", "the edit to reach the colleague");

  // A comment posted to the web process reaches the sockets the other process holds.
  const posted = await fetch(`${web.baseUrl}/api/articles/${article.id}/comments`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokenFor(writer)}`, "content-type": "application/json" },
    body: JSON.stringify({ body: "Which unions signed?" }),
  });
  expect(posted.status).toBe(201);
  const { comment } = (await posted.json()) as { comment: { id: string } };
  await waitFor(() => theirs.events.some((e) => e.type === "comment.changed" && e.commentId === comment.id), "the comment event on the socket");

  // One /metrics for the instance: the collaboration process's counters are in it.
  const metrics = await (await fetch(`${web.baseUrl}/metrics`)).text();
  expect(metrics).toMatch(/^galley_collab_connections 2$/m);

  // The collaboration process dies: the instance says so, starts it again, and the clients come back on their own.
  process.kill(collabPid!, "SIGKILL");
  let readiness: unknown;
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const response = await fetch(`${web.baseUrl}/api/ready`);
    if (response.status === 503) {
      readiness = await response.json();
      break;
    }
  }
  expect(readiness).toMatchObject({ status: "unavailable", collab: "restarting" });
  mine.doc.getText("headline").insert(0, "Update: ");
  await waitFor(() => theirs.doc.getText("headline").toString() === "Update: Ferry strike ends", "the clients to reconnect and sync", 30_000);
  expect((await fetch(`${web.baseUrl}/api/ready`)).status).toBe(200);
  const stored = async () => readArticleText(store.db, article.id);
  const deadline = Date.now() + 10_000;
  while (!(await stored()).includes("Update: Ferry strike ends") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await stored()).toContain("Update: Ferry strike ends");

  // SIGTERM: the collaboration process stores what it has and tells its clients to come back (1012), then both exit.
  const [restartedPid] = childPids(web.child.pid!);
  await web.stop();
  galley = undefined;
  await waitFor(() => mine.closeCodes.includes(closeCode.restarting), "the 1012 close");
  await waitFor(() => !isRunning(restartedPid!), "the collaboration process to exit with the web process");
}, 120_000);

it("stops the collaboration process when the web process is killed outright", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-orphan-"));
  const web = await startGalleyProcess(await freePort(), { DATA_DIR: dataDir, LOG_LEVEL: "warn" });
  try {
    const [collabPid] = childPids(web.child.pid!);
    expect(collabPid).toBeGreaterThan(0);
    // Only the web process, not its group: nothing but the broken IPC channel tells the other one.
    process.kill(web.child.pid!, "SIGKILL");
    await waitFor(() => !isRunning(collabPid!), "the collaboration process to stop by itself", 15_000);
  } finally {
    web.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
