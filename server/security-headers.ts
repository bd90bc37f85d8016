import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { nonceHeader } from "../lib/request-context";

/** A Host header that can go into a policy as it is: a name or address, and a port. */
const plainHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export interface PolicyOptions {
  nonce: string;
  /** Development: React's dev tools and hot reload evaluate code. Never in production. */
  isDev: boolean;
  /** The Host the browser asked for: its ws/wss origin is where the collab socket goes. */
  host: string | undefined;
}

/**
 * The Content-Security-Policy of every page and route. Scripts run only with
 * this response's nonce (Next's own, the editor's early-socket script) or when
 * such a script loads them ('strict-dynamic': the lazy panels' chunks); no
 * inline script without it, no eval in production. Styles may be inline: the
 * editor and React set style attributes, and a nonce in style-src would
 * disable 'unsafe-inline'. Connections go back to this origin only, the
 * websocket included ('self' covers ws/wss in current browsers; the explicit
 * origins are for the rest).
 */
export function contentSecurityPolicy({ nonce, isDev, host }: PolicyOptions): string {
  const sockets = host && plainHost.test(host) ? ` ws://${host} wss://${host}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join("; ");
}

/**
 * Headers every page and route carries: the policy above (its nonce also
 * handed to Next on the request, which puts it on its scripts; a nonce the
 * client sent is never kept), framing refused outright, no type sniffing,
 * no full URLs sent to other sites, the powerful browser features Galley
 * never uses switched off. HSTS only when the deployment is served over https
 * (NEXTAUTH_URL says so). A route may set its own policy (the export's
 * sandbox): it replaces this one.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { isHttps: boolean; isDev: boolean }): void {
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy({ nonce, isDev: options.isDev, host: req.headers.host });
  // Next reads the nonce for its scripts from the request's policy header.
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  req.headers[nonceHeader] = nonce;
  res.setHeader("content-security-policy", policy);
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  res.setHeader("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  if (options.isHttps) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
}
