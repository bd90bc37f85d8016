"use client";

import { useActionState, useState, type MouseEvent, type ReactNode } from "react";
import { OneTimePassword } from "@/components/admin/one-time-password";
import { roleLabels } from "@/components/ui/format";
import { FormMessage } from "@/components/ui/form-message";
import { LabelledOptions } from "@/components/ui/labelled-options";
import { roles, type Role } from "@/lib/db/schema";
import { idleState } from "../../../_lib/form-state";
import { updateUserAction } from "./actions";

interface RowUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  isDisabled: boolean;
}

/**
 * One person: role (select + Save), status, disable or enable, reset password.
 * The controls sit in different cells, so they join one form through the
 * `form` attribute; the outcome appears in a row underneath.
 */
export function UserRow({ user, isSelf }: { user: RowUser; isSelf: boolean }) {
  const [state, action, isPending] = useActionState(updateUserAction, idleState);
  const formId = `user-${user.id}`;
  const disableWarning = isSelf
    ? "Disable your own account? You will be signed out at once."
    : `Disable ${user.name}? They are signed out at once and cannot sign in until enabled again.`;
  const resetWarning = isSelf
    ? "Reset your own password? You will have to sign in again with the new one."
    : `Reset the password of ${user.name}? Their current password and sessions stop working.`;

  return (
    <>
      <tr className={user.isDisabled ? "is-disabled" : undefined} aria-busy={isPending || undefined}>
        <th scope="row">
          {user.name}
          {isSelf && <span className="muted"> (you)</span>}
        </th>
        <td className="muted" data-label="Email">
          {user.email}
        </td>
        <td data-label="Role">
          {/* Remounted after every answer: it then shows the role as stored, whatever was picked. */}
          <RoleControl
            key={`${user.role}:${state.at ?? 0}`}
            user={user}
            formId={formId}
            isPending={isPending}
            isSelf={isSelf}
          />
        </td>
        <td data-label="Status">
          <span className={`badge ${user.isDisabled ? "badge-disabled" : "badge-active"}`}>
            {user.isDisabled ? "Disabled" : "Active"}
          </span>
        </td>
        <td className="align-end">
          <form id={formId} action={action} className="row-actions">
            <input type="hidden" name="email" value={user.email} />
            {user.isDisabled ? (
              <IntentButton intent="enable" tone="secondary" disabled={isPending}>
                Enable
              </IntentButton>
            ) : (
              <IntentButton intent="disable" tone="danger-quiet" disabled={isPending} confirm={disableWarning}>
                Disable
              </IntentButton>
            )}
            <IntentButton intent="reset" tone="quiet" disabled={isPending} confirm={resetWarning}>
              Reset password
            </IntentButton>
          </form>
        </td>
      </tr>
      {(isPending || state.status !== "idle") && (
        <tr className="row-message">
          <td colSpan={5}>
            {isPending ? (
              <p className="muted" role="status">
                <span className="spinner" aria-hidden="true" /> Saving…
              </p>
            ) : state.status === "error" ? (
              <FormMessage tone="error">{state.message}</FormMessage>
            ) : (
              <>
                <FormMessage tone="success">{state.message}</FormMessage>
                {state.secret && <OneTimePassword password={state.secret} email={user.email} />}
              </>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

interface IntentButtonProps {
  /** What the row's form is asked to do; the server action reads it from the submitter. */
  intent: "role" | "enable" | "disable" | "reset";
  tone: "secondary" | "quiet" | "danger-quiet";
  disabled: boolean;
  /** Asked first (window.confirm); cancelling sends nothing. */
  confirm?: string;
  /** The row's form, for a button that sits in another cell. */
  form?: string;
  children: ReactNode;
}

function IntentButton({ intent, tone, disabled, confirm, form, children }: IntentButtonProps) {
  const confirmFirst = (event: MouseEvent<HTMLButtonElement>) => {
    if (confirm && !window.confirm(confirm)) event.preventDefault();
  };
  return (
    <button
      type="submit"
      form={form}
      name="intent"
      value={intent}
      className={`button button-${tone} button-small`}
      disabled={disabled}
      onClick={confirm ? confirmFirst : undefined}
    >
      {children}
    </button>
  );
}

/**
 * The role select and its Save button. The select is uncontrolled (defaultValue)
 * so React's reset of the form after an action restores the stored role rather
 * than the first option.
 */
function RoleControl({ user, formId, isPending, isSelf }: { user: RowUser; formId: string; isPending: boolean; isSelf: boolean }) {
  const [picked, setPicked] = useState<Role>(user.role);
  const isSelfDemotion = isSelf && user.role === "admin" && picked !== "admin";
  return (
    <div className="inline-controls">
      <select
        form={formId}
        name="role"
        aria-label={`Role of ${user.name}`}
        defaultValue={user.role}
        onChange={(event) => setPicked(event.target.value as Role)}
        disabled={isPending}
      >
        <LabelledOptions values={roles} labels={roleLabels} />
      </select>
      <IntentButton
        intent="role"
        tone="secondary"
        form={formId}
        disabled={isPending || picked === user.role}
        confirm={isSelfDemotion ? "Give up your own administrator role? You lose access to Users and the audit log." : undefined}
      >
        Save
      </IntentButton>
    </div>
  );
}
