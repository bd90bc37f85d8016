import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import type { ActionState } from "./form-state";

/**
 * Runs a command; an AppError becomes an error state the form shows in words.
 * Anything else (a redirect, notFound, a real failure) propagates: Next's
 * interrupts must pass, and a bug belongs on the error page and in the log.
 */
export async function attempt<T>(
  run: () => Promise<T>,
  values?: Record<string, string>,
): Promise<{ ok: true; value: T } | { ok: false; state: ActionState }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!isAppError(error)) {
      if (error instanceof Error && !("digest" in error)) logger().error({ err: error }, "server action failed");
      throw error;
    }
    return {
      ok: false,
      state: { status: "error", message: error.message, field: error.field, values, at: Date.now() },
    };
  }
}
