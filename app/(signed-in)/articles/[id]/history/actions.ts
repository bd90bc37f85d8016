"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { restoreVersion } from "@/lib/commands/restore-version";
import { isAppError } from "@/lib/errors";
import { saveVersion } from "@/lib/commands/save-version";
import { getDb } from "@/lib/db/client";
import { attempt } from "../../../../_lib/attempt";
import { formValues, success, type ActionState } from "../../../../_lib/form-state";
import { requireUser } from "../../../../_lib/current-user";

/** "Save version": the article as it is now, kept under a name; lib/commands checks who may. */
export async function saveVersionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ["articleId", "name"]);
  const user = await requireUser(`/articles/${values.articleId}/history`);
  const result = await attempt(async () => saveVersion(await getDb(), user, values), values);
  if (!result.ok) return result.state;
  revalidatePath(`/articles/${values.articleId}/history`);
  revalidatePath(`/articles/${values.articleId}`);
  return success(`Saved as version ${result.value.number}, “${result.value.name}”.`);
}

/** "Restore": the article says again what this version says; the page then says which version it made. */
export async function restoreVersionAction(formData: FormData): Promise<void> {
  const values = formValues(formData, ["articleId", "versionId"]);
  const articleId = values.articleId ?? "";
  const versionId = values.versionId ?? "";
  const user = await requireUser(`/articles/${articleId}/history`);
  const history = `/articles/${articleId}/history`;
  let outcome: string;
  try {
    const restored = await restoreVersion(await getDb(), user, { articleId, versionId });
    outcome = `restored=${restored.number}`;
  } catch (error) {
    // A refusal in words on the page (a status that does not allow editing, say); anything else is a real failure.
    if (!isAppError(error)) throw error;
    outcome = `restoreError=${encodeURIComponent(error.message)}`;
  }
  revalidatePath(history);
  redirect(`${history}?${outcome}`);
}
