"use client";

import { useActionState, useState, type MouseEvent } from "react";
import { OneTimePassword } from "@/components/admin/one-time-password";
import { roleLabels } from "@/components/ui/format";
import { FormMessage } from "@/components/ui/form-message";
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
              <button type="submit" name="intent" value="enable" className="button button-secondary button-small" disabled={isPending}>
                Enable
              </button>
            ) : (
              <button
                type="submit"
                name="intent"
                value="disable"
                className="button button-danger-quiet button-small"
                disabled={isPending}
                onClick={confirmFirst(disableWarning)}
              >
                Disable
              </button>
            )}
            <button
              type="submit"
              name="intent"
              value="reset"
              className="button button-quiet button-small"
              disabled={isPending}
              onClick={confirmFirst(resetWarning)}
            >
              Reset password
            </button>
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

const confirmFirst = (message: string) => (event: MouseEvent<HTMLButtonElement>) => {
  if (!window.confirm(message)) event.preventDefault();
};

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
        {roles.map((value) => (
          <option key={value} value={value}>
            {roleLabels[value]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        form={formId}
        name="intent"
        value="role"
        className="button button-secondary button-small"
        disabled={isPending || picked === user.role}
        onClick={
          isSelfDemotion
            ? confirmFirst("Give up your own administrator role? You lose access to Users and the audit log.")
            : undefined
        }
      >
        Save
      </button>
    </div>
  );
}
