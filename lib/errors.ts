import { closeCode } from "./collab-protocol";

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  /** A workflow step that does not apply to the article now (lib/workflow). */
  | "invalid_transition"
  /** Publishing while suggestions are open: they must be accepted or rejected first. */
  | "open_suggestions"
  | "too_many_requests"
  | "payload_too_large"
  | "unavailable";

const httpStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  open_suggestions: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
};

/** Websocket close codes in the 4000 range mirror the HTTP status. */
const closeCodes: Partial<Record<ErrorCode, number>> = {
  unauthorized: closeCode.signedOut,
  forbidden: closeCode.forbidden,
  not_found: closeCode.notFound,
  too_many_requests: closeCode.tooManyConnections,
};

/** An error whose message is safe and useful to show the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, for 400s. */
    readonly field?: string,
    /** More for the API's answer, beside `error` and `message` (a 409's `allowed` steps). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return httpStatus[this.code];
  }

  get closeCode(): number {
    return closeCodes[this.code] ?? closeCode.policy;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && "code" in error;
}
