"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { roleLabels, withIndefiniteArticle } from "@/components/ui/format";
import { createUser, resetPassword, setUserDisabled, setUserRole, type CreateUserInput } from "@/lib/commands/users";
import { getDb } from "@/lib/db/client";
import { attempt } from "../../../_lib/attempt";
import { formValues, success, type ActionState } from "../../../_lib/form-state";
import { requireUser } from "../../../_lib/current-user";

/** "Add user": lib/commands checks the admin, validates, audits; a generated password is shown once. */
export async function addUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireUser("/admin/users");
  const fields = formValues(formData, ["name", "email", "role", "password"]);
  // The password never travels back to the browser, even after an error.
  const { password, ...refill } = fields;
  // Raw form text: createUser parses it with its zod schema and names the field at fault.
  const input = { ...refill, password: password || undefined } as CreateUserInput;
  const result = await attempt(async () => createUser(await getDb(), admin, input), refill);
  if (!result.ok) return result.state;
  const { user, generatedPassword } = result.value;
  revalidatePath("/admin/users");
  return success(`Added ${user.name} (${user.email}) as ${roleLabels[user.role].toLowerCase()}.`, {
    secret: generatedPassword,
    values: { email: user.email },
  });
}

const rowIntent = z.enum(["role", "disable", "enable", "reset"]);

/** One user's row: change role, disable or enable, reset the password. */
export async function updateUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const admin = await requireUser("/admin/users");
  const { email, role, intent: rawIntent } = formValues(formData, ["email", "role", "intent"]);
  const intent = rowIntent.safeParse(rawIntent);
  if (!intent.success) return { status: "error", message: "Choose an action for this user.", at: Date.now() };
  const db = await getDb();
  const result = await attempt(async () => {
    switch (intent.data) {
      case "role": {
        const user = await setUserRole(db, admin, email!, role!);
        return success(`${user.name} is now ${withIndefiniteArticle(roleLabels[user.role].toLowerCase())}.`);
      }
      case "disable": {
        const user = await setUserDisabled(db, admin, email!, true);
        return success(`${user.name} is disabled and signed out everywhere.`);
      }
      case "enable": {
        const user = await setUserDisabled(db, admin, email!, false);
        return success(`${user.name} can sign in again.`);
      }
      case "reset": {
        const { user, generatedPassword } = await resetPassword(db, admin, email!);
        return success(`New password for ${user.name}. Their other sessions have ended.`, { secret: generatedPassword });
      }
    }
  });
  if (!result.ok) return result.state;
  // A reset changes nothing in the table, and re-rendering after resetting one's own
  // password would bounce to /login before the new password could be read.
  if (intent.data !== "reset") revalidatePath("/admin/users");
  return result.value;
}
