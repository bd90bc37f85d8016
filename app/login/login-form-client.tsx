"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { signInErrorMessage } from "./messages";

/**
 * Posts the credentials to next-auth (which checks its CSRF token) and, on
 * success, loads the page the visitor came for with a full navigation so every
 * server component sees the new session.
 */
export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [isPending, setIsPending] = useState(false);
  const [isCapsLockOn, setIsCapsLockOn] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Every key event carries the lock's state, so the hint follows it while the password is typed.
  const readCapsLock = (event: KeyboardEvent<HTMLInputElement>) => setIsCapsLockOn(event.getModifierState("CapsLock"));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
        redirect: false,
      });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(result?.error ?? "Default"));
    } catch {
      setError("Galley could not be reached. Check your connection and try again.");
    }
    setIsPending(false);
    if (passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    }
  }

  return (
    // method="post": a press before the page is interactive must never put the password in the URL.
    <form className="stack" onSubmit={submit} method="post">
      {error && <FormMessage tone="error">{error}</FormMessage>}
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input id="login-email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        {/* The hint sits beside the label, so it comes and goes without moving the form. */}
        <div className="field-label-row">
          <label htmlFor="login-password">Password</label>
          <span id="login-caps-lock" className="caps-lock-hint" aria-live="polite">
            {isCapsLockOn ? "Caps Lock is on" : ""}
          </span>
        </div>
        <input
          id="login-password"
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={isCapsLockOn ? "login-caps-lock" : undefined}
          onKeyDown={readCapsLock}
          onKeyUp={readCapsLock}
          onBlur={() => setIsCapsLockOn(false)}
        />
      </div>
      <button type="submit" className="button button-primary button-block" disabled={isPending}>
        {isPending && <span className="spinner" aria-hidden="true" />}
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
