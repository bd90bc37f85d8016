"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "../../../../_lib/form-state";
import { saveVersionAction } from "./actions";

/** Keep the article as it is now under a name ("before legal read"). */
export function SaveVersionForm({ articleId }: { articleId: string }) {
  const [state, action] = useActionState(saveVersionAction, idleState);
  const nameError = state.status === "error" && state.field === "name" ? state.message : undefined;
  const otherError = state.status === "error" && state.field !== "name" ? state.message : undefined;
  return (
    <section className="card stack" aria-labelledby="save-version-heading">
      <h2 id="save-version-heading">Save version</h2>
      <p className="muted">Keep the article as it is now, to come back to or compare with later.</p>
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
    </section>
  );
}
