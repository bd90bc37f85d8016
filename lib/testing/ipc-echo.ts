/**
 * The other end of lib/events/ipc.test.ts: a child process with the IPC
 * transport, which answers each event with one of its own and, when asked,
 * sends what a transport must ignore first.
 */
import { createIpcTransport } from "../events/ipc";

const transport = createIpcTransport(process);
transport.onEvent((event) => {
  if (event.type === "comment.changed") return;
  const articleId = "articleId" in event ? event.articleId : "a1";
  void transport.publish({ type: "comment.changed", articleId, commentId: "c1", threadId: "t1" });
});
process.on("message", (message: unknown) => {
  if ((message as { type?: string }).type !== "send-junk") return;
  process.send?.({ type: "galley-event", event: { type: "user.deleted", userId: "u1" } });
  process.send?.({ type: "galley-event", event: { type: "comment.changed", articleId: "a1" } });
  process.send?.({ type: "metrics", id: 1 });
});
process.send?.("ready");
