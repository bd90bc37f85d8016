import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import type { GalleyEvent } from "./bus";
import { createIpcTransport } from "./ipc";

const echo = path.join(path.dirname(fileURLToPath(import.meta.url)), "../testing/ipc-echo.ts");
const children: ReturnType<typeof fork>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** A real child process on the other end of the channel, running the same transport (lib/testing/ipc-echo.ts). */
function startEcho() {
  const child = fork(echo, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.push(child);
  return new Promise<typeof child>((resolve) => child.once("message", () => resolve(child)));
}

it("delivers an event here at once and to the process at the other end, and hears that process's events", async () => {
  const child = await startEcho();
  const transport = createIpcTransport(child);
  const heard: GalleyEvent[] = [];
  transport.onEvent((event) => heard.push(event));

  // The echo process answers every event it hears with a comment.changed about the same article.
  await transport.publish({ type: "article.changed", articleId: "a1" });
  expect(heard[0]).toEqual({ type: "article.changed", articleId: "a1" });
  await expect.poll(() => heard.length).toBe(2);
  expect(heard[1]).toEqual({ type: "comment.changed", articleId: "a1", commentId: "c1", threadId: "t1" });
  await transport.close();
});

it("ignores what is not a well-formed event, and other messages on the channel", async () => {
  const child = await startEcho();
  const transport = createIpcTransport(child);
  const heard: GalleyEvent[] = [];
  transport.onEvent((event) => heard.push(event));
  // The echo process sends these itself when asked to: a forged type, a missing field, and a message of another kind.
  child.send({ type: "send-junk" });
  await transport.publish({ type: "user.changed", userId: "u1" });
  await expect.poll(() => heard.length).toBe(2);
  expect(heard.map((event) => event.type)).toEqual(["user.changed", "comment.changed"]);
  await transport.close();
});
