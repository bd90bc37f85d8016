import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { logger } from "../log";
import { authSecret } from "./secret";
import { signInWithPassword } from "./sign-in";

/** Shown on /login for a locked account; the page maps it to a sentence. */
export const lockedError = "AccountLocked";

export const sessionMaxAgeSeconds = 7 * 24 * 60 * 60;

/**
 * next-auth configuration: credentials (email + password) with JWT sessions.
 * The JWT carries only the user id and token version; role and status are
 * read from the store on every request (lib/auth/request-user.ts).
 */
export function authOptions(): AuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
    // The session cookie is HttpOnly and SameSite=Lax always (next-auth's defaults), Secure (and __Secure-) under https.
    useSecureCookies: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "").slice(0, 254);
          const password = String(credentials?.password ?? "").slice(0, 256);
          if (!email || !password) return null;
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const ip = headers["x-galley-client-ip"];
          const result = await signInWithPassword(await getDb(), { email, password, ip });
          if (result.ok) {
            logger().info({ userId: result.user.id }, "signed in");
            const { id, name, email: userEmail, tokenVersion } = result.user;
            return { id, name, email: userEmail, tokenVersion };
          }
          logger().info({ reason: result.reason }, "sign-in refused");
          if (result.reason === "locked") throw new Error(lockedError);
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.ver = (user as { tokenVersion?: number }).tokenVersion ?? 0;
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    logger: {
      error: (code, metadata) => logger().error({ code, metadata }, "next-auth error"),
      warn: (code) => logger().warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
