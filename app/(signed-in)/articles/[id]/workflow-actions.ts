"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { retryDelivery } from "@/lib/commands/deliveries";
import { runWorkflowAction } from "@/lib/commands/workflow";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { requireUser } from "../../../_lib/current-user";

/** What the page says after each step. */
const done: Record<string, string> = {
  submit: "submitted",
  approve: "approved",
  request_changes: "changes-requested",
  publish: "published",
  archive: "archived",
  reopen: "reopened",
};

/**
 * One workflow step from the article page's Review card; lib/commands
 * checks who may and whether it applies now. The page then says what
 * happened (?workflow=…) or why not (?workflowError=…).
 */
export async function workflowStepAction(formData: FormData): Promise<void> {
  const articleId = String(formData.get("articleId") ?? "");
  const action = String(formData.get("action") ?? "");
  const page = `/articles/${articleId}`;
  const user = await requireUser(page);
  const text = (name: string) => String(formData.get(name) ?? "").trim();
  const reviewers = formData.getAll("reviewers").map(String).filter(Boolean);
  const desks = formData.getAll("desks").map(String).filter(Boolean);
  let outcome: string;
  try {
    await runWorkflowAction(await getDb(), user, {
      articleId,
      action,
      ...(reviewers.length ? { reviewers } : {}),
      ...(desks.length ? { desks } : {}),
      ...(text("note") ? { note: text("note") } : {}),
    });
    outcome = `workflow=${done[action] ?? "done"}`;
  } catch (error) {
    // A refusal in words on the page; anything else is a real failure.
    if (!isAppError(error)) throw error;
    outcome = `workflowError=${encodeURIComponent(error.message)}`;
  }
  revalidatePath(page);
  redirect(`${page}?${outcome}#review-heading`);
}

/** "Retry now" on a webhook delivery that has not gone through (the desk). */
export async function retryDeliveryAction(formData: FormData): Promise<void> {
  const articleId = String(formData.get("articleId") ?? "");
  const deliveryId = String(formData.get("deliveryId") ?? "");
  const page = `/articles/${articleId}`;
  const user = await requireUser(page);
  let outcome = "workflow=retrying";
  try {
    await retryDelivery(await getDb(), user, { articleId, deliveryId });
  } catch (error) {
    if (!isAppError(error)) throw error;
    outcome = `workflowError=${encodeURIComponent(error.message)}`;
  }
  revalidatePath(page);
  redirect(`${page}?${outcome}#review-heading`);
}
