"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

/** Ends the session through next-auth (CSRF-checked POST) and lands on /login. */
export function SignOutButton({ variant = "quiet" }: { variant?: "quiet" | "primary" }) {
  const [isPending, setIsPending] = useState(false);
  return (
    <button
      type="button"
      className={`button button-${variant} button-small`}
      disabled={isPending}
      onClick={async () => {
        setIsPending(true);
        try {
          await signOut({ callbackUrl: "/login" });
        } catch {
          // The server could not be reached: let the user try again.
          setIsPending(false);
        }
      }}
    >
      {isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}
