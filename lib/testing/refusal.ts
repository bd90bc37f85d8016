import { AppError } from "../errors";

/** Awaits a command that must be refused, and answers what the user would be told. */
export async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { status: error.status, message: error.message, field: error.field };
}

/** `refusal`, with the error code and what the API adds beside it (a 409's `allowed` steps). */
export async function detailedRefusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { status: error.status, code: error.code, message: error.message, field: error.field, ...error.details };
}
