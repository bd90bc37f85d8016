/**
 * Galley as the benchmark runs it: the production build (built first when
 * missing or stale), `server/index.ts` in production mode on a fixed loopback
 * port over a temporary DATA_DIR seeded with the long article, a writer and
 * ten co-authors.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mintToken } from "@/lib/auth/tokens";
import { shareArticle } from "@/lib/commands/articles";
import { importArticle } from "@/lib/commands/import-article";
import { createUser } from "@/lib/commands/users";
import { openStore } from "@/lib/db/client";
import { buildBenchArticle, type BenchArticle } from "./article";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Signs the collab tokens the seeded people get; the server runs with it. */
export const benchSecret = "editor-bench-secret-0123456789abcdef";

export interface BenchPerson {
  id: string;
  email: string;
  password: string;
  /** A collab token (`?token=`), for the Node collaborators. */
  token: string;
  name: string;
}

export interface SeededGalley {
  dataDir: string;
  articleId: string;
  article: BenchArticle;
  writer: BenchPerson;
  collaborators: BenchPerson[];
}

/** A fresh store with the article imported through the same command as an upload, shared with everyone. */
export async function seedGalley(collaboratorCount: number): Promise<SeededGalley> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-editor-bench-"));
  const store = await openStore({ url: path.join(dataDir, "galley.db") });
  try {
    const person = async (label: string, name: string) => {
      const email = `${label}@bench.example`;
      const password = `${label}-bench-password`;
      const { user } = await createUser(store.db, "cli", { name, email, role: "writer", password });
      return { user, person: { id: user.id, email, password, name, token: mintToken(user, 3600, benchSecret) } satisfies BenchPerson };
    };
    const writer = await person("writer", "Amira Haddad");
    const collaborators: BenchPerson[] = [];
    for (let i = 1; i <= collaboratorCount; i++) collaborators.push((await person(`colleague${i}`, `Colleague ${i}`)).person);
    const article = buildBenchArticle();
    // Imported by the writer, as an upload would be: the writer owns it.
    const row = await importArticle(store.db, writer.user, {
      name: "harbour-long-read.md",
      bytes: new TextEncoder().encode(article.markdown),
    });
    for (const colleague of collaborators) await shareArticle(store.db, "cli", { articleId: row.id, email: colleague.email, as: "author" });
    return { dataDir, articleId: row.id, article, writer: writer.person, collaborators };
  } finally {
    await store.close();
  }
}

/** Starts the server in its own process group and waits for /api/health. */
export async function startGalley(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server/index.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      NEXTAUTH_SECRET: benchSecret,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Galley exited with ${child.exitCode}:\n${stderr}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stopGalley(child);
  throw new Error(`Galley did not answer /api/health within 60 s:\n${stderr}`);
}

/** Ends the server and anything it started (its process group). */
export function stopGalley(child: ChildProcess | undefined): void {
  if (!child?.pid || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}
