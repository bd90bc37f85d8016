import { decode } from "next-auth/jwt";
import type { Db } from "../db/client";
import { noteRequestUser } from "../request-context";
import { findUserById, type User } from "../users";
import { authSecret } from "./secret";
import { readToken } from "./tokens";

export const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export interface Credentials {
  /** The raw Cookie header. */
  cookie?: string | null;
  /** The raw Authorization header ("Bearer <token>"). */
  authorization?: string | null;
  /** A token passed some other way, e.g. `?token=` on a websocket upgrade. */
  token?: string | null;
}

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed cookie is ignored, not fatal.
    }
  }
  return cookies;
}

/** next-auth splits large session cookies into name.0, name.1, … */
function sessionToken(cookies: Map<string, string>): string | undefined {
  for (const name of sessionCookieNames) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join("");
  }
  return undefined;
}

/**
 * The signed-in user behind a request, loaded fresh from the store, or null.
 * A bearer token wins over the cookie. Disabled users, revoked tokens and
 * deleted accounts all answer null: their next request is unauthenticated.
 */
export async function resolveUser(db: Db, credentials: Credentials): Promise<User | null> {
  const user = await findRequestUser(db, credentials);
  // The access log line of this request names them.
  if (user) noteRequestUser(user.id);
  return user;
}

async function findRequestUser(db: Db, credentials: Credentials): Promise<User | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? "")?.[1];
  const token = bearer ?? credentials.token ?? undefined;
  if (token) return userFromToken(db, token);
  const session = sessionToken(parseCookies(credentials.cookie));
  if (!session) return null;
  let userId: string | undefined;
  let tokenVersion: number | undefined;
  try {
    const jwt = await decode({ token: session, secret: authSecret() });
    userId = typeof jwt?.sub === "string" ? jwt.sub : undefined;
    tokenVersion = typeof jwt?.ver === "number" ? jwt.ver : undefined;
  } catch {
    return null;
  }
  if (!userId) return null;
  const user = await findUserById(db, userId);
  if (!user || user.isDisabled) return null;
  // A password reset ends the sessions that were signed in with the old one.
  if (tokenVersion !== undefined && tokenVersion !== user.tokenVersion) return null;
  return user;
}

async function userFromToken(db: Db, token: string): Promise<User | null> {
  const payload = readToken(token);
  if (!payload) return null;
  const user = await findUserById(db, payload.sub);
  if (!user || user.isDisabled || user.tokenVersion !== payload.ver) return null;
  return user;
}
