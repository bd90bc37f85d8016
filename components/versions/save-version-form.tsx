"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState, type ActionState } from "@/app/_lib/form-state";

type SaveVersionAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * "Save version": keeps the article as it is now under a name ("before legal
 * read"). The server action comes from the page, which knows where it lives.
 */
export function SaveVersionForm({ articleId, action: saveAction }: { articleId: string; action: SaveVersionAction }) {
  const [state, action] = useActionState(saveAction, idleState);
  const nameError = state.status === "error" && state.field === "name" ? state.message : undefined;
  const otherError = state.status === "error" && state.field !== "name" ? state.message : undefined;
  return (
    <>
      {state.status === "success" && <FormMessage tone="success">{state.message}</FormMessage>}
      {otherError && <FormMessage tone="error">{otherError}</FormMessage>}
      <form action={action} className="stack" key={state.at}>
        <input type="hidden" name="articleId" value={articleId} />
        <Field id="version-name" label="Name" hint="For example “before legal read”" error={nameError}>
          {(props) => <input {...props} name="name" type="text" maxLength={200} required defaultValue={state.values?.name} />}
        </Field>
        <div>
          <SubmitButton pendingLabel="Saving…">Save version</SubmitButton>
        </div>
      </form>
    </>
  );
}
