/**
 * What a server action answers its form (via useActionState): a message in
 * words, the field at fault, and the values to put back after React resets
 * the form. Secrets shown once (a generated password) ride along here and
 * are never stored anywhere else in clear.
 */
export interface ActionState {
  status: "idle" | "error" | "success";
  message?: string;
  field?: string;
  values?: Record<string, string>;
  /** A generated password to show once. */
  secret?: string;
  /** Bumped on every answer so the form can tell two equal answers apart. */
  at?: number;
}

export const idleState: ActionState = { status: "idle" };

export function success(message: string, extra: Partial<ActionState> = {}): ActionState {
  return { status: "success", message, at: Date.now(), ...extra };
}

/** Text fields of a form, for parsing by lib/commands and for refilling the form. */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    values[name] = typeof value === "string" ? value : "";
  }
  return values;
}
