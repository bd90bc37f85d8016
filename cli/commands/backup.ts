import { defineCommand } from "../command";

export const backup = defineCommand({
  name: "backup",
  synopsis: "backup --out FILE",
  summary: "Copy the whole SQLite store to a new FILE, safely while the server runs; prints the path and size.",
  options: { out: { type: "string", isRequired: true } },
  async run(context, values) {
    // Loaded when it runs, not for `galley help` (see ./users.ts).
    const { backupStore } = await import("../../lib/commands/backup-store");
    const { file, bytes } = await backupStore(context.db, values.out);
    context.print(`${file} ${bytes} bytes`);
  },
});
