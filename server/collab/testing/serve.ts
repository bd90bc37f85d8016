/**
 * A collab server alone in its own process, over the SQLite file named by
 * GALLEY_TEST_DB: the crash test kills it with SIGKILL and starts it again.
 * Prints "PORT <n>" once it listens.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openStore } from "../../../lib/db/client";
import { createCollabServer } from "..";

async function main() {
  const file = process.env.GALLEY_TEST_DB;
  if (!file) throw new Error("GALLEY_TEST_DB is not set");
  const store = await openStore({ url: file });
  const collab = createCollabServer({ db: store.db });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
  });
}

// A clean exit on SIGINT (so profilers and coverage can write their files); SIGKILL is the crash.
process.on("SIGINT", () => process.exit(0));

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
