import { resolveUser } from "@/lib/auth/request-user";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { User } from "@/lib/users";

export interface ApiContext<Params> {
  request: Request;
  /** The caller, fresh from the store: from the session cookie or `Authorization: Bearer`. */
  user: User;
  db: Db;
  params: Params;
}

type Handler<Params> = (context: ApiContext<Params>) => Promise<Response>;

const noStore = { "cache-control": "no-store" };

/** JSON with the headers every API answer carries. */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...noStore, ...init.headers } });
}

/**
 * Wraps a JSON route handler: resolves the caller (401 without one), and
 * answers every failure as JSON `{ error, message, field? }` with its status.
 * Handlers only parse, authorize through lib/policy, call lib/ and present.
 */
export function apiRoute<Params extends Record<string, string | string[]> = Record<string, never>>(
  handler: Handler<Params>,
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const db = await getDb();
      const user = await resolveUser(db, {
        cookie: request.headers.get("cookie"),
        authorization: request.headers.get("authorization"),
      });
      if (!user) {
        throw new AppError("unauthorized", "Sign in, or send Authorization: Bearer <token> from `npx galley token`.");
      }
      const params = ((await context?.params) ?? {}) as Params;
      return await handler({ request, user, db, params });
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/** An AppError in words with its status; anything else a logged 500 that reveals nothing. */
export function errorResponse(error: unknown, request: Request): Response {
  if (isAppError(error)) {
    const body = { error: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...error.details };
    const headers: Record<string, string> = error.status === 401 ? { "www-authenticate": 'Bearer realm="galley"' } : {};
    return json(body, { status: error.status, headers });
  }
  logger().error({ err: error, method: request.method, path: new URL(request.url).pathname }, "API request failed");
  return json({ error: "internal", message: "Something went wrong on our side. It has been logged." }, { status: 500 });
}

/** Every JSON body the API takes is small: a title, a note, a list of reviewers. */
const defaultMaxJsonBytes = 64 * 1024;

/**
 * The request body as text, refused with a 413 past `maxBytes`: at once when
 * its Content-Length says so, else as soon as that much has arrived (the
 * rest is never read into memory).
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `The request body is over ${Math.round(maxBytes / 1024)} KB.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length).toString("utf8");
}

/**
 * The request body as JSON, or a 400 that says so (413 past `maxBytes`, 64 KB
 * unless given). An empty body is a 400 too, unless the route takes one
 * (`emptyAs`: what it means).
 */
export async function readJson(request: Request, options: { maxBytes?: number; emptyAs?: unknown } = {}): Promise<unknown> {
  const text = await readBodyText(request, options.maxBytes ?? defaultMaxJsonBytes);
  if (!text.trim()) {
    if ("emptyAs" in options) return options.emptyAs;
    throw new AppError("bad_request", "The request body is empty; send a JSON object.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
