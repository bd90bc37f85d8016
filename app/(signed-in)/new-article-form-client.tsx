"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormMessage } from "@/components/ui/form-message";
import { idleState } from "../_lib/form-state";
import { createArticleAction } from "./actions";

/** Title in, draft out: the server validates and sends the writer to the new article. */
export function NewArticleForm() {
  const [state, action] = useActionState(createArticleAction, idleState);
  const isError = state.status === "error";
  // A title problem sits under the field; anything else (say, a role that may not create) above the form.
  const titleError = isError && state.field === "title" ? state.message : undefined;
  return (
    <section className="card new-article" aria-labelledby="new-article-heading">
      <h2 id="new-article-heading">New article</h2>
      {isError && !titleError && <FormMessage tone="error">{state.message}</FormMessage>}
      <form action={action} className="inline-form" noValidate>
        <Field id="new-article-title" label="Title" hint="A working title is enough; you can change it later." error={titleError} className="grow">
          {(props) => (
            <input
              {...props}
              name="title"
              type="text"
              maxLength={200}
              placeholder="Working headline"
              defaultValue={state.values?.title}
              key={state.at}
              required
            />
          )}
        </Field>
        <SubmitButton pendingLabel="Creating…">Create article</SubmitButton>
      </form>
    </section>
  );
}
