"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

interface SubmitButtonProps {
  children: ReactNode;
  /** Shown while the form is being sent, e.g. "Adding…". */
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "quiet";
  name?: string;
  value?: string;
  className?: string;
}

/** A submit button that says what is happening and cannot be pressed twice. */
export function SubmitButton({ children, pendingLabel, variant = "primary", name, value, className }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={`button button-${variant}${className ? ` ${className}` : ""}`}
      disabled={pending}
      aria-disabled={pending}
    >
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
