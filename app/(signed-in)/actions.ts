"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createArticle } from "@/lib/commands/articles";
import { getDb } from "@/lib/db/client";
import { attempt } from "../_lib/attempt";
import { formValues, type ActionState } from "../_lib/form-state";
import { requireUser } from "../_lib/current-user";

/** "New article": lib/commands validates the title and checks the role; then open the article. */
export async function createArticleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser("/");
  const values = formValues(formData, ["title"]);
  const result = await attempt(async () => createArticle(await getDb(), user, values), values);
  if (!result.ok) return result.state;
  revalidatePath("/");
  redirect(`/articles/${result.value.id}`);
}
