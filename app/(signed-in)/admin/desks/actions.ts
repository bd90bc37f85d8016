"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addDeskMember, createDesk, removeDeskMember } from "@/lib/commands/desks";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { requireUser } from "../../../_lib/current-user";

const page = "/admin/desks";

/** Runs one desk change (lib/commands checks it is an administrator), then says on the page what happened or why not. */
async function deskChange(run: () => Promise<string>): Promise<never> {
  let outcome: string;
  try {
    outcome = `done=${encodeURIComponent(await run())}`;
  } catch (error) {
    if (!isAppError(error)) throw error;
    outcome = `error=${encodeURIComponent(error.message)}`;
  }
  revalidatePath(page);
  redirect(`${page}?${outcome}`);
}

export async function createDeskAction(formData: FormData): Promise<void> {
  const user = await requireUser(page);
  await deskChange(async () => `Created the ${(await createDesk(await getDb(), user, { name: formData.get("name") })).name} desk.`);
}

export async function addDeskMemberAction(formData: FormData): Promise<void> {
  const user = await requireUser(page);
  await deskChange(async () => {
    const added = await addDeskMember(await getDb(), user, { name: formData.get("desk"), email: formData.get("email") });
    return added.isNew ? `Added ${added.email} to the ${added.desk} desk.` : `${added.email} is already on the ${added.desk} desk.`;
  });
}

export async function removeDeskMemberAction(formData: FormData): Promise<void> {
  const user = await requireUser(page);
  await deskChange(async () => {
    const removed = await removeDeskMember(await getDb(), user, { name: formData.get("desk"), email: formData.get("email") });
    return `Removed ${removed.email} from the ${removed.desk} desk.`;
  });
}
