"use client";

import { useActionState } from "react";
import { roleLabels } from "@/components/ui/format";
import { Field } from "@/components/ui/field";
import { LabelledOptions } from "@/components/ui/labelled-options";
import { FormMessage } from "@/components/ui/form-message";
import { OneTimePassword } from "@/components/admin/one-time-password";
import { SubmitButton } from "@/components/ui/submit-button";
import { roles } from "@/lib/db/schema";
import { idleState } from "../../../_lib/form-state";
import { addUserAction } from "./actions";

const fields = ["name", "email", "role", "password"] as const;

/** Name, email, role and an optional password; the generated one is shown once. */
export function AddUserForm() {
  const [state, action] = useActionState(addUserAction, idleState);
  const isError = state.status === "error";
  const errorFor = (field: string) => (isError && state.field === field ? state.message : undefined);
  const generalError = isError && !fields.includes(state.field as (typeof fields)[number]) ? state.message : undefined;
  // After success the form starts empty again; after an error it keeps what was typed (but never the password).
  const refill = isError ? state.values : undefined;

  return (
    <section className="card stack" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add a user</h2>
      {state.status === "success" && (
        <FormMessage tone="success">
          {state.message}
          {!state.secret && " They can sign in with the password you chose."}
        </FormMessage>
      )}
      {state.status === "success" && state.secret && (
        <OneTimePassword password={state.secret} email={state.values?.email ?? ""} />
      )}
      {generalError && <FormMessage tone="error">{generalError}</FormMessage>}
      <form action={action} className="form-grid" key={state.at}>
        <Field id="add-user-name" label="Name" error={errorFor("name")}>
          {(props) => <input {...props} name="name" type="text" autoComplete="off" required defaultValue={refill?.name} />}
        </Field>
        <Field id="add-user-email" label="Email" error={errorFor("email")}>
          {(props) => <input {...props} name="email" type="email" autoComplete="off" required defaultValue={refill?.email} />}
        </Field>
        <Field id="add-user-role" label="Role" error={errorFor("role")}>
          {(props) => (
            <select {...props} name="role" defaultValue={refill?.role || "writer"}>
              <LabelledOptions values={roles} labels={roleLabels} />
            </select>
          )}
        </Field>
        <Field id="add-user-password" label="Password" hint="Leave empty to generate one." error={errorFor("password")}>
          {(props) => <input {...props} name="password" type="password" autoComplete="new-password" minLength={8} />}
        </Field>
        <div className="form-grid-actions">
          <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
        </div>
      </form>
    </section>
  );
}
