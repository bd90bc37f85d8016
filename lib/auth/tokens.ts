import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "./secret";

const payloadSchema = z.object({
  sub: z.string(),
  /** users.token_version when minted: a reset or disable revokes older tokens. */
  ver: z.number().int(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenPayload = z.infer<typeof payloadSchema>;

const prefix = "glt1.";

function sign(body: string, secret: string): string {
  // A distinct key from the session's, derived from the same secret.
  return createHmac("sha256", `galley-token:${secret}`).update(body).digest("base64url");
}

/** A short-lived bearer token for the API and the collab server (`?token=`). */
export function mintToken(
  user: { id: string; tokenVersion: number },
  ttlSeconds: number,
  secret = authSecret(),
): string {
  const iat = Math.floor(Date.now() / 1000);
  const payload: TokenPayload = { sub: user.id, ver: user.tokenVersion, iat, exp: iat + ttlSeconds };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${prefix}${body}.${sign(body, secret)}`;
}

/** The payload of a well-signed, unexpired token, or null. Revocation is the caller's check. */
export function readToken(token: string, secret = authSecret()): TokenPayload | null {
  if (!token.startsWith(prefix) || token.length > 2048) return null;
  const [body, signature] = token.slice(prefix.length).split(".");
  if (!body || !signature) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    if (parsed.data.exp <= Math.floor(Date.now() / 1000)) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
