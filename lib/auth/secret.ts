import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir, env } from "../env";

/**
 * NEXTAUTH_SECRET, or one generated once into DATA_DIR so sessions and
 * collab tokens survive restarts and the CLI signs with the same key.
 */
export function authSecret(): string {
  const fromEnv = env().NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), "nextauth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // wx: if another process wrote it first, theirs wins and we read it.
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim();
  }
}
