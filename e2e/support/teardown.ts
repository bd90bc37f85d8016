import fs from "node:fs";

/** Removes the run's temporary DATA_DIR unless asked to keep it for a look. */
export default async function globalTeardown() {
  const dir = process.env.GALLEY_E2E_DATA_DIR;
  if (!dir || process.env.GALLEY_E2E_KEEP_DATA) return;
  fs.rmSync(dir, { recursive: true, force: true });
}
