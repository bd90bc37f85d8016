"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "../../../_lib/form-state";
import { shareArticleAction } from "./actions";

/** Share with a colleague by email, as a co-author or as a reviewer. */
export function ShareForm({ articleId }: { articleId: string }) {
  const [state, action] = useActionState(shareArticleAction, idleState);
  const errorFor = (field: string) => (state.status === "error" && state.field === field ? state.message : undefined);
  const generalError = state.status === "error" && !["email", "as"].includes(state.field ?? "") ? state.message : undefined;
  return (
    <section className="card stack" aria-labelledby="share-heading">
      <h2 id="share-heading">Share</h2>
      <p className="muted">Co-authors edit the text with you; reviewers read, comment and approve.</p>
      {state.status === "success" && <FormMessage tone="success">{state.message}</FormMessage>}
      {generalError && <FormMessage tone="error">{generalError}</FormMessage>}
      <form action={action} className="stack" key={state.at}>
        <input type="hidden" name="articleId" value={articleId} />
        <Field id="share-email" label="Email" error={errorFor("email")}>
          {(props) => (
            <input {...props} name="email" type="email" autoComplete="off" required defaultValue={state.values?.email} />
          )}
        </Field>
        <Field id="share-as" label="Share as" error={errorFor("as")}>
          {(props) => (
            <select {...props} name="as" defaultValue={state.values?.as ?? "author"}>
              <option value="author">Author</option>
              <option value="reviewer">Reviewer</option>
            </select>
          )}
        </Field>
        <div>
          <SubmitButton pendingLabel="Sharing…">Share</SubmitButton>
        </div>
      </form>
    </section>
  );
}
