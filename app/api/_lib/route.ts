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

/** The request body as JSON, or a 400 that says so (413 past `maxBytes`, when given). */
export async function readJson(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const text = await request.text();
  if (options.maxBytes !== undefined && Buffer.byteLength(text) > options.maxBytes) {
    throw new AppError("payload_too_large", `The request body is over ${Math.round(options.maxBytes / 1024)} KB.`);
  }
  if (!text.trim()) throw new AppError("bad_request", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
