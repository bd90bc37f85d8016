import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pino from "pino";
import type { RequestContext } from "../lib/request-context";

/** An incoming request id is kept only when it is short and plain: it goes into logs and headers as it is. */
const safeRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when safe, a new
 * one otherwise), answers with it, and writes one access line when the
 * response is done: method, path (never the query, where tokens travel),
 * status, duration, request id, and the user when the app found out who it
 * was (through the returned context, which the caller runs the app in).
 */
export function trackRequest(req: IncomingMessage, res: ServerResponse, log: pino.Logger): { requestId: string; context: RequestContext } {
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && safeRequestId.test(incoming) ? incoming : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("x-request-id", requestId);
  const context: RequestContext = {};
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    log.info({ requestId, method: req.method, path: pathOf(req.url), status: res.statusCode, ms, userId: context.userId }, "request");
  });
  return { requestId, context };
}

/** The path alone: queries carry `?token=` and search words that have no place in logs. */
export const pathOf = (url: string | undefined) => (url ?? "/").split("?")[0]!;
