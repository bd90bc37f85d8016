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

export const restore = defineCommand({
  name: "restore",
  synopsis: "restore --from FILE",
  summary: "Put a backup in place of the SQLite store (the server must be stopped); the replaced store is kept beside it.",
  options: { from: { type: "string", isRequired: true } },
  // The store's file is what gets replaced: it must not be open here.
  isStoreless: true,
  async run(context, values) {
    const [{ dataDir, isPostgres }, { restoreStore }, { AppError }] = await Promise.all([
      import("../../lib/env"),
      import("../../lib/commands/restore-store"),
      import("../../lib/errors"),
    ]);
    if (isPostgres()) {
      throw new AppError("bad_request", "This store is on PostgreSQL: with the servers stopped, pg_restore --clean --if-exists --no-owner -d \"$DATABASE_URL\" galley.dump (see the README's Deploying).");
    }
    const restored = await restoreStore(dataDir(), values.from);
    context.print(`Restored ${values.from} into ${restored.file}: ${restored.users} users, ${restored.articles} articles, ${restored.versions} versions`);
    if (restored.keptAs) context.print(`The store it replaced is kept as ${restored.keptAs}`);
  },
});
