import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { findArticleAccess } from "../../lib/articles";
import { resolveUser } from "../../lib/auth/request-user";
import type { Db } from "../../lib/db/client";
import { env } from "../../lib/env";
import type { User } from "../../lib/users";
import type { RefusalReason } from "../metrics";
import { decideAccess } from "./access-verdict";

export type UpgradeDecision =
  | { isAccepted: true; articleId: string; user: User; isWritable: boolean; canSuggest: boolean; hasAskedForSaved: boolean; hasAskedForEvents: boolean }
  | { isAccepted: false; status: number; reason: RefusalReason; articleId?: string; userId?: string };

const articleIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The article id of `/collab/<articleId>`, or null for any other path. */
export function collabArticleId(pathname: string): string | null {
  const match = /^\/collab\/([^/]+)\/?$/.exec(pathname);
  return match && articleIdPattern.test(match[1]!) ? match[1]! : null;
}

/**
 * Who is connecting and what they may do, decided before the upgrade so a
 * refused client is told with a plain HTTP status and sees nothing of the
 * article: 401 without valid credentials (checked first, so an unknown
 * article is not revealed to strangers), 404 for an unknown article, 403
 * when lib/policy says they may not view it.
 */
export async function decideUpgrade(db: Db, req: IncomingMessage): Promise<UpgradeDecision> {
  const url = new URL(req.url ?? "/", "http://collab.invalid");
  const articleId = collabArticleId(url.pathname);
  const token = url.searchParams.get("token");
  const authorization = req.headers.authorization;
  const user = await resolveUser(db, { cookie: req.headers.cookie, authorization, token });
  if (!user) return { isAccepted: false, status: 401, reason: "unauthenticated", articleId: articleId ?? undefined };
  // A session cookie rides along on any page's websocket: only our own pages may use it.
  if (!token && !authorization && !isSameOrigin(req)) {
    return { isAccepted: false, status: 403, reason: "bad_origin", articleId: articleId ?? undefined, userId: user.id };
  }
  if (!articleId) return { isAccepted: false, status: 404, reason: "not_found", userId: user.id };
  const verdict = decideAccess(user, await findArticleAccess(db, articleId, user.id));
  if (verdict === "not-found") return { isAccepted: false, status: 404, reason: "not_found", articleId, userId: user.id };
  if (verdict === "signed-out") return { isAccepted: false, status: 401, reason: "unauthenticated", articleId, userId: user.id };
  if (verdict === "forbidden") return { isAccepted: false, status: 403, reason: "forbidden", articleId, userId: user.id };
  return {
    isAccepted: true,
    articleId,
    user,
    isWritable: verdict === "writable",
    canSuggest: verdict === "suggest-only",
    hasAskedForSaved: url.searchParams.get("saved") === "1",
    hasAskedForEvents: url.searchParams.get("events") === "1",
  };
}

function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: no ambient cookie to abuse
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const allowed = [req.headers.host, firstValue(req.headers["x-forwarded-host"])];
  const publicUrl = env().NEXTAUTH_URL;
  if (publicUrl) allowed.push(new URL(publicUrl).host);
  return allowed.some((host) => host !== undefined && host.toLowerCase() === originHost.toLowerCase());
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim();
}

const statusText: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** Answers an upgrade request with a plain HTTP status and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const text = statusText[status] ?? "Error";
  const body = `${text}\n`;
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
