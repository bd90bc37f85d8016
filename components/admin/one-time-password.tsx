import { CopyButton } from "../ui/copy-button";

/** A generated password, shown this once: only its hash is stored. */
export function OneTimePassword({ password, email }: { password: string; email?: string }) {
  return (
    <div className="one-time-password" role="status">
      <p className="one-time-password-label">
        One-time password{email ? ` for ${email}` : ""}. It is shown only now; pass it on safely.
      </p>
      <div className="one-time-password-value">
        <code aria-label="Generated password">{password}</code>
        <CopyButton value={password} label="Copy password" />
      </div>
    </div>
  );
}
