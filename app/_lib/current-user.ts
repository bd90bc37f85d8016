import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { resolveUser } from "@/lib/auth/request-user";
import { getDb } from "@/lib/db/client";
import { toActor, type User } from "@/lib/users";
import { loginUrl } from "./callback-url";

/**
 * The signed-in user behind this request, loaded fresh from the store (so a
 * role change or a disabled account counts at once), or null. Cached for the
 * duration of one request: the layout and the page share one lookup.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const jar = await cookies();
  const cookie = jar
    .getAll()
    .map(({ name, value }) => `${name}=${encodeURIComponent(value)}`)
    .join("; ");
  return resolveUser(await getDb(), { cookie });
});

/**
 * The signed-in user, or a redirect to /login that comes back to `returnTo`.
 * Pages pass their own path: a layout cannot know it.
 */
export async function requireUser(returnTo = "/"): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(loginUrl(returnTo));
  return user;
}

/** The user and their policy actor, for pages that ask lib/policy. */
export async function requireActor(returnTo = "/") {
  const user = await requireUser(returnTo);
  return { user, actor: toActor(user) };
}
