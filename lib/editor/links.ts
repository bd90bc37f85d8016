/** The only link schemes an article may carry: the web and email. */
export const allowedLinkProtocols = ["http:", "https:", "mailto:"] as const;

export const linkRefusalMessage = "Links may only point to web pages (http, https) or email addresses (mailto).";

/**
 * Whether an href may be stored or rendered. Absolute URLs only, parsed the
 * way a browser parses them (so `java\tscript:` or `JAVASCRIPT:` are seen for
 * what they are), with a host for web links and an address for mailto.
 */
export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== "string") return false;
  const trimmed = href.trim();
  if (!trimmed || trimmed.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return false;
  }
  if (!(allowedLinkProtocols as readonly string[]).includes(url.protocol)) return false;
  if (url.protocol === "mailto:") return url.pathname.includes("@");
  return url.hostname.length > 0;
}

export type LinkInputCheck = { isValid: true; href: string } | { isValid: false; message: string };

const schemePrefix = /^([a-z][a-z0-9+.-]*):/i;
/** "example.com:8080/x" starts like a scheme but is a host and a port. */
const hostWithPort = /^[^:/?#\s]+\.[^:/?#\s]+:\d/;
const bareEmail = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const bareDomain = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

/**
 * What a writer typed into the link dialog, as an href or a message saying
 * what is wrong. A bare domain becomes https, a bare address mailto; any
 * scheme other than http, https and mailto is refused by name.
 */
export function checkLinkInput(input: string): LinkInputCheck {
  const trimmed = input.trim();
  if (!trimmed) return { isValid: false, message: "Enter a web address or an email address." };
  const scheme = schemePrefix.exec(trimmed)?.[1];
  if (scheme && !hostWithPort.test(trimmed)) {
    if (!(allowedLinkProtocols as readonly string[]).includes(`${scheme.toLowerCase()}:`)) {
      return { isValid: false, message: `“${scheme.toLowerCase()}:” links are not allowed. ${linkRefusalMessage}` };
    }
    return isAllowedHref(trimmed)
      ? { isValid: true, href: trimmed }
      : { isValid: false, message: "That address is incomplete: check it and try again." };
  }
  const candidate = bareEmail.test(trimmed)
    ? `mailto:${trimmed}`
    : bareDomain.test(trimmed)
      ? `https://${trimmed}`
      : null;
  if (candidate && isAllowedHref(candidate)) return { isValid: true, href: candidate };
  return { isValid: false, message: "That does not look like a web address. Try https://example.com." };
}
