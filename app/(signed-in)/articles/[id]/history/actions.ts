"use server";

import { revalidatePath } from "next/cache";
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
  return success(`Saved as version ${result.value.number}, “${result.value.name}”.`);
}
