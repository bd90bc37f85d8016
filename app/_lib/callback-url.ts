/**
 * Where to go after signing in. Only a path on this site is honoured: an
 * absolute URL, a protocol-relative "//host" or a backslash trick would turn
 * the sign-in page into an open redirect.
 */
export function safeCallbackUrl(raw: string | string[] | null | undefined, fallback = "/"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  // Control characters (a newline, a tab) are never part of a path we issued.
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const base = "http://galley.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    // Never come back to the sign-in page itself.
    if (url.pathname === "/login") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** /login, remembering the page the visitor wanted. */
export function loginUrl(returnTo: string): string {
  const target = safeCallbackUrl(returnTo);
  return target === "/" ? "/login" : `/login?callbackUrl=${encodeURIComponent(target)}`;
}

type SearchParams = Record<string, string | string[] | undefined>;

/** A page's own path with its query, for returning to it after sign-in. */
export function pathWithQuery(pathname: string, searchParams: SearchParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, item);
  }
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}
