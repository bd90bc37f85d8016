import { roles } from "../lib/db/schema";
import type { Command } from "./command";

/** The help text, built from the command table so the two never disagree. */
export function usage(commands: readonly Command[]): string {
  return [
    "Usage: galley <command> [options]",
    "",
    ...commands.flatMap((c) => [`  galley ${c.synopsis}`, `      ${c.summary}`]),
    "  galley help",
    "      Show this help.",
    "",
    `Roles: ${roles.join(", ")}.`,
    "The store is the server's: DATA_DIR (default ./data), or DATABASE_URL=postgres://….",
    "Exit status: 0 done; 1 refused, with the reason, and nothing changed; 2 bad command line.",
    "",
  ].join("\n");
}
