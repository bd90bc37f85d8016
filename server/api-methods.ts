import fs from "node:fs";
import path from "node:path";
import type { ServerResponse } from "node:http";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface ApiRoute {
  pattern: RegExp;
  allow: string[];
}

/**
 * Which methods each /api route takes, read once from the route files
 * (`export const GET = …`), so a 405 can say so: Next answers a wrong method
 * with an empty 405 and no Allow header.
 */
export function readApiRoutes(appDir: string): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(path.join(dir, entry.name), "utf8");
        const allow = methods.filter((method) => new RegExp(`export (const|async function|function) ${method}\\b`).test(source));
        const pattern = segments
          .map((segment) => (segment.startsWith("[...") ? ".+" : segment.startsWith("[") ? "[^/]+" : segment.replace(/[.*+?^${}()|\\]/g, "\\$&")))
          .join("/");
        routes.push({ pattern: new RegExp(`^/${pattern}/?$`), allow: allow.includes("GET") ? [...allow, "HEAD"] : allow });
      }
    }
  };
  const apiDir = path.join(appDir, "api");
  if (fs.existsSync(apiDir)) walk(apiDir, ["api"]);
  // The most specific first: a catch-all answers only what nothing else does.
  return routes.sort((a, b) => Number(a.pattern.source.includes(".+")) - Number(b.pattern.source.includes(".+")));
}

/** The methods the route at this path takes, or null when no route matches. */
export const allowedMethods = (routes: ApiRoute[], pathname: string) => routes.find((route) => route.pattern.test(pathname))?.allow ?? null;

/**
 * The routes this server answers itself (/api/health, /api/ready, /metrics)
 * take only GET and HEAD: anything else gets the API's JSON 405, as a Next
 * route would. Answers whether it refused.
 */
export function refuseUnlessRead(method: string | undefined, res: ServerResponse): boolean {
  if (method === "GET" || method === "HEAD") return false;
  const allow = ["GET", "HEAD"];
  res.writeHead(405, { "content-type": "application/json", "cache-control": "no-store", allow: allow.join(", ") });
  res.end(methodNotAllowedBody(method ?? "", allow));
  return true;
}

/** The API's 405 body, naming the methods the route takes when they are known. */
function methodNotAllowedBody(method: string, allow: string[] | null): string {
  const message = allow ? `${method} is not allowed here; use ${allow.join(", ")}.` : `${method} is not allowed here.`;
  return JSON.stringify({ error: "method_not_allowed", message });
}

/**
 * Turns Next's bare 405 for an /api path into the API's JSON error, with the
 * Allow header; any other answer passes untouched.
 */
export function jsonMethodNotAllowed(res: ServerResponse, method: string, allow: string[] | null): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let isReplaced = false;
  const replace = () => {
    isReplaced = true;
    res.removeHeader("transfer-encoding");
    res.setHeader("content-type", "application/json");
    res.setHeader("cache-control", "no-store");
    if (allow) res.setHeader("allow", allow.join(", "));
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 405 && !res.headersSent) replace();
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  res.end = ((...args: unknown[]) => {
    if (res.statusCode === 405 && !res.headersSent && !isReplaced) replace();
    return isReplaced ? end(methodNotAllowedBody(method, allow)) : end(...args);
  }) as typeof res.end;
}
