import type { ServerResponse } from "node:http";

/**
 * Headers every page and route carries. Framing is refused outright (no
 * site may put the editor in a frame), plugins and <base> hijacks too;
 * browsers neither sniff types nor send full URLs to other sites; the
 * powerful browser features Galley never uses are off. HSTS only when the
 * deployment is served over https (NEXTAUTH_URL says so). A route may set
 * its own Content-Security-Policy (the export's sandbox): it replaces this one.
 */
export function setSecurityHeaders(res: ServerResponse, options: { isHttps: boolean }): void {
  res.setHeader("content-security-policy", "frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  res.setHeader("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  if (options.isHttps) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
}
