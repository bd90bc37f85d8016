import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

/** A 16-character random id, URL-safe and unambiguous to read aloud. */
export function newId(): string {
  const bytes = randomBytes(16);
  let id = "";
  for (const byte of bytes) id += alphabet[byte % 32];
  return id;
}

export function nowIso(): string {
  return new Date().toISOString();
}
