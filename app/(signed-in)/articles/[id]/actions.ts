"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { shareArticle, type shareArticleInput } from "@/lib/commands/articles";
import { getDb } from "@/lib/db/client";
import { memberRoleLabels, withIndefiniteArticle } from "@/components/ui/format";
import { attempt } from "../../../_lib/attempt";
import { formValues, success, type ActionState } from "../../../_lib/form-state";
import { requireUser } from "../../../_lib/current-user";

/** "Share": add a co-author or an assigned reviewer; lib/commands checks who may. */
export async function shareArticleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ["articleId", "email", "as"]);
  const user = await requireUser(`/articles/${values.articleId}`);
  // Raw form text: shareArticle parses it with its zod schema and names the field at fault.
  const input = values as z.input<typeof shareArticleInput>;
  const result = await attempt(async () => shareArticle(await getDb(), user, input), values);
  if (!result.ok) return result.state;
  const { user: member, as } = result.value;
  revalidatePath(`/articles/${values.articleId}`);
  revalidatePath("/");
  return success(`${member.name} is now ${withIndefiniteArticle(memberRoleLabels[as].toLowerCase())} of this article.`);
}
