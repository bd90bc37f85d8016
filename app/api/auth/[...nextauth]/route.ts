import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints (csrf, credentials callback, session, sign-out).
 * Options are built per request so `next build` never generates a secret,
 * and every page next-auth would render itself points at ours instead.
 */
function handler(request: NextRequest, context: Context) {
  const options = authOptions();
  return NextAuth(request, context, {
    ...options,
    pages: { ...options.pages, signOut: "/signout", verifyRequest: "/login", newUser: "/" },
  });
}

// GET, POST /api/auth/* – next-auth: sign in with email and password, session, sign out
export { handler as GET, handler as POST };
