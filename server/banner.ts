import type { BootstrapResult } from "../lib/commands/bootstrap";

/** Printed once, on the start that created the first admin; the password is never stored in clear. */
export function printFirstAdmin(admin: BootstrapResult): void {
  const lines = [
    "Galley created the first administrator:",
    `  email:    ${admin.email}`,
    admin.generatedPassword
      ? `  password: ${admin.generatedPassword}`
      : "  password: the one in GALLEY_ADMIN_PASSWORD",
    admin.generatedPassword ? "This password is shown only now. Sign in and keep it safe." : "",
  ].filter(Boolean);
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const rule = "=".repeat(width);
  process.stdout.write(`\n${rule}\n${lines.map((l) => ` ${l}`).join("\n")}\n${rule}\n\n`);
}
