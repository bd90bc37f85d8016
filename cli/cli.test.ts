import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { resolveUser } from "../lib/auth/request-user";
import { readToken } from "../lib/auth/tokens";
import { openStore, type Store } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";
import type { GalleyEvent } from "../lib/events";
import { createRedisTransport } from "../lib/events/redis";
import { newId } from "../lib/ids";
import { testPostgresUrl } from "../lib/testing/stores";
import { findUserRowByEmail } from "../lib/users";
import { createComment } from "../lib/commands/create-comment";
import { listComments } from "../lib/comments";
import { appendUpdates, articleFields, readArticleText } from "../lib/docs";
import { insertArticle, insertUser } from "../lib/testing/factories";
import * as Y from "yjs";
import { runWorkflowAction } from "../lib/commands/workflow";
import { makeVersion } from "../lib/versions";

const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin", "galley.mjs");

type Env = Record<string, string | undefined>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of an operator's shell: none of Galley's variables unless a test sets them. */
function baseEnv(): Env {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(GALLEY_|NEXTAUTH_|DATABASE_URL|DATA_DIR|LOG_LEVEL|REDIS_URL)/.test(key)) delete env[key];
  }
  return env;
}

function galley(args: string[], env: Env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...baseEnv(), ...env } as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const passwordIn = (stdout: string) => /password: (\S+)/.exec(stdout)?.[1];

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function waitFor(check: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the event");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Each run starts a Node process with tsx: generous timeouts for a busy two-core machine.
describe("galley on SQLite (DATA_DIR)", { timeout: 60_000 }, () => {
  let dir: string;
  let env: Env;
  const run = (...args: string[]) => galley(args, env);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-cli-"));
    env = { DATA_DIR: path.join(dir, "data"), GALLEY_ADMIN_EMAIL: "chief@newsroom.example" };
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints the usage on stdout for help, --help and no arguments", async () => {
    for (const args of [[], ["help"], ["--help"], ["user", "add", "--help"]]) {
      const result = await run(...args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toMatch(/^Usage: galley <command> \[options\]/);
      expect(result.stdout).toContain("galley token --email E [--ttl SECONDS]");
      expect(result.stderr).toBe("");
    }
  });

  // Independent short runs: side by side, with the test's own expect.
  it.concurrent.for([
    [["frob"], 'galley: unknown command "frob"'],
    [["user"], 'galley: "user" needs one of: add, list, set-role, disable, enable, reset-password'],
    [["user", "promote", "--email", "a@b.c"], 'galley: unknown command "user promote"'],
    [["user", "add", "--email", "a@b.c", "--role", "writer"], "galley: user add needs --name"],
    [["user", "add", "--email", "a@b.c", "--name", "A", "--role", "chief"], "galley: --role must be one of: admin, editor, writer, reviewer"],
    [["user", "list", "--colour"], "galley: user list: Unknown option '--colour'"],
    [["user", "disable", "a@b.c"], "galley: user disable: Unexpected argument 'a@b.c'"],
    [["article", "create", "--title", "", "--owner", "a@b.c"], "galley: article create needs --title"],
    [["article", "share", "--id", "x", "--email", "a@b.c", "--as", "editor"], "galley: --as must be one of: author, reviewer"],
    [["token", "--email", "a@b.c", "--ttl", "soon"], "galley: --ttl must be a positive whole number of seconds"],
    [["token", "--email"], "galley: token: Option '--email <value>' argument missing"],
  ] as [string[], string][])("refuses %j with exit 2, one line of error and the usage, touching no store", async ([args, message], { expect }) => {
    const fresh = { DATA_DIR: path.join(dir, `untouched-${newId()}`) };
    const result = await galley(args, fresh);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const [first, blank, usage] = result.stderr.split("\n");
    expect(first).toBe(message);
    expect(blank).toBe("");
    expect(usage).toBe("Usage: galley <command> [options]");
    expect(fs.existsSync(fresh.DATA_DIR)).toBe(false);
  });

  it("does its work and exits 0 without a stack trace when its reader has gone (galley … | head -1)", async () => {
    // A store of its own: the other tests here count the users of theirs.
    const own = { DATA_DIR: path.join(dir, "closed-reader") };
    const result = await new Promise<Run>((resolve, reject) => {
      const args = ["user", "add", "--email", "pipe@newsroom.example", "--name", "Pip", "--role", "writer"];
      const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...baseEnv(), ...own } as unknown as NodeJS.ProcessEnv });
      // The reader closes before a word is written: every write gets EPIPE.
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout: "", stderr }));
    });
    expect(result).toEqual({ code: 0, stdout: "", stderr: expect.not.stringMatching(/EPIPE|Error|\n\s+at /) });
    expect((await galley(["user", "list"], own)).stdout).toContain("pipe@newsroom.example");
  });

  it("admin create needs an email from --email or GALLEY_ADMIN_EMAIL", async () => {
    const result = await galley(["admin", "create"], { DATA_DIR: path.join(dir, "no-admin-email") });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^galley: admin create needs --email \(or GALLEY_ADMIN_EMAIL in the environment\)\n/);
  });

  it("manages users end to end, answering refusals with exit 1 and a message", async () => {
    const admin = await run("admin", "create");
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain("email:    chief@newsroom.example");
    const adminPassword = passwordIn(admin.stdout);
    expect(adminPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(admin.stderr).toContain("shown only now");

    const writer = await run("user", "add", "--email", "Wes@Newsroom.example", "--name", "Wes Writer", "--role", "writer", "--password", "wes password");
    expect(writer).toMatchObject({ code: 0, stderr: "" });
    expect(passwordIn(writer.stdout)).toBeUndefined();
    const reviewer = await run("user", "add", "--email", "rae@newsroom.example", "--name", "Rae", "--role", "reviewer");
    expect(reviewer.code).toBe(0);
    const reviewerPassword = passwordIn(reviewer.stdout);
    expect(reviewerPassword).toBeDefined();

    const duplicate = await run("user", "add", "--email", "wes@newsroom.example", "--name", "Again", "--role", "editor");
    expect(duplicate).toEqual({ code: 1, stdout: "", stderr: "galley: A user with the email wes@newsroom.example already exists.\n" });
    const badEmail = await run("user", "add", "--email", "not-an-email", "--name", "X", "--role", "editor");
    expect(badEmail).toEqual({ code: 1, stdout: "", stderr: "galley: Enter a valid email address.\n" });

    expect(await run("user", "set-role", "--email", "chief@newsroom.example", "--role", "editor")).toEqual({
      code: 1,
      stdout: "",
      stderr: "galley: The last active administrator cannot be demoted.\n",
    });
    expect((await run("user", "disable", "--email", "chief@newsroom.example")).stderr).toBe(
      "galley: The last active administrator cannot be disabled.\n",
    );
    expect(await run("user", "set-role", "--email", "ghost@newsroom.example", "--role", "editor")).toMatchObject({
      code: 1,
      stderr: "galley: No user has the email ghost@newsroom.example.\n",
    });
    expect(await run("user", "set-role", "--email", "wes@newsroom.example", "--role", "editor")).toMatchObject({
      code: 0,
      stdout: "wes@newsroom.example is now editor\n",
    });
    expect((await run("user", "disable", "--email", "rae@newsroom.example")).stdout).toBe("Disabled rae@newsroom.example\n");

    const table = await run("user", "list");
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    const columns = ["EMAIL", "NAME", "ROLE", "STATUS"].map((header) => lines[0]!.indexOf(header));
    expect(columns).toEqual([...columns].sort((a, b) => a - b));
    const cells = (line: string) => columns.map((start, i) => line.slice(start, columns[i + 1]).trim());
    expect(lines.slice(1).map(cells)).toEqual([
      ["chief@newsroom.example", "Administrator", "admin", "active"],
      ["rae@newsroom.example", "Rae", "reviewer", "disabled"],
      ["wes@newsroom.example", "Wes Writer", "editor", "active"],
    ]);

    const json = await run("user", "list", "--json");
    const users = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(users.map((u) => [u.email, u.role, u.status])).toEqual([
      ["chief@newsroom.example", "admin", "active"],
      ["rae@newsroom.example", "reviewer", "disabled"],
      ["wes@newsroom.example", "editor", "active"],
    ]);
    expect(users[0]).toHaveProperty("id");
    expect(JSON.stringify(users)).not.toMatch(/hash|password/i);

    expect((await run("user", "enable", "--email", "rae@newsroom.example")).stdout).toBe("Enabled rae@newsroom.example\n");
    const reset = await run("user", "reset-password", "--email", "rae@newsroom.example");
    const newPassword = passwordIn(reset.stdout);
    expect(reset.code).toBe(0);
    expect(newPassword).not.toBe(reviewerPassword);

    const store = await openStore({ url: path.join(env.DATA_DIR!, "galley.db") });
    try {
      const chief = await findUserRowByEmail(store.db, "chief@newsroom.example");
      expect(await verifyPassword(chief!.password_hash, adminPassword!)).toBe(true);
      const rae = await findUserRowByEmail(store.db, "rae@newsroom.example");
      expect(await verifyPassword(rae!.password_hash, newPassword!)).toBe(true);
      expect(await verifyPassword(rae!.password_hash, reviewerPassword!)).toBe(false);
      const audit = await store.db.selectFrom("audit_log").select(["actor_label", "action"]).orderBy("id").execute();
      expect(audit.map((a) => a.action)).toEqual([
        "user.create",
        "user.create",
        "user.create",
        "user.set-role",
        "user.disable",
        "user.enable",
        "user.reset-password",
      ]);
      expect(new Set(audit.map((a) => a.actor_label))).toEqual(new Set(["cli"]));
    } finally {
      await store.close();
    }
  });

  it("creates and shares articles, printing only the new id", async () => {
    const created = await run("article", "create", "--title", "Harbour fire", "--owner", "wes@newsroom.example");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^[0-9a-z]{16}\n$/);
    expect(created.stderr).toBe("");
    const id = created.stdout.trim();

    expect(await run("article", "share", "--id", id, "--email", "rae@newsroom.example", "--as", "reviewer")).toEqual({
      code: 0,
      stdout: `Shared ${id} with rae@newsroom.example as reviewer\n`,
      stderr: "",
    });
    expect(await run("article", "share", "--id", id, "--email", "rae@newsroom.example", "--as", "author")).toMatchObject({
      code: 1,
      stderr: "galley: Reviewers never change the text; share with them as reviewer.\n",
    });
    expect(await run("article", "share", "--id", "nope", "--email", "rae@newsroom.example", "--as", "reviewer")).toMatchObject({
      code: 1,
      stderr: "galley: No such article.\n",
    });
    expect(await run("article", "create", "--title", "Orphan", "--owner", "ghost@newsroom.example")).toEqual({
      code: 1,
      stdout: "",
      stderr: "galley: No user has the email ghost@newsroom.example.\n",
    });

    const store = await openStore({ url: path.join(env.DATA_DIR!, "galley.db") });
    try {
      const articles = await store.db.selectFrom("articles").select(["id", "title", "status"]).execute();
      expect(articles).toEqual([{ id, title: "Harbour fire", status: "draft" }]);
      const members = await store.db.selectFrom("article_members").select("role").where("article_id", "=", id).orderBy("role").execute();
      expect(members.map((m) => m.role)).toEqual(["author", "reviewer"]);
    } finally {
      await store.close();
    }
  });

  it("mints a token the server accepts, signed with the secret generated into DATA_DIR", async () => {
    const minted = await galley(["token", "--email", "WES@newsroom.example"], { ...env, GALLEY_TOKEN_TTL_SECONDS: "900" });
    expect(minted.code).toBe(0);
    expect(minted.stderr).toBe("");
    expect(minted.stdout).toMatch(/^glt1\.[\w-]+\.[\w-]+\n$/);
    const token = minted.stdout.trim();
    const short = (await run("token", "--email", "wes@newsroom.example", "--ttl", "120")).stdout.trim();

    const secret = fs.readFileSync(path.join(env.DATA_DIR!, "nextauth-secret"), "utf8").trim();
    const payload = readToken(token, secret)!;
    expect(payload.exp - payload.iat).toBe(900);
    expect(readToken(short, secret)!.exp - readToken(short, secret)!.iat).toBe(120);
    expect(readToken(token, "not-the-servers-secret-0123456")).toBeNull();

    // As the server would: NEXTAUTH_SECRET unset, the same DATA_DIR.
    const saved = { dataDir: process.env.DATA_DIR, secret: process.env.NEXTAUTH_SECRET };
    process.env.DATA_DIR = env.DATA_DIR;
    delete process.env.NEXTAUTH_SECRET;
    resetEnvCache();
    const store = await openStore({ url: path.join(env.DATA_DIR!, "galley.db") });
    try {
      expect(await resolveUser(store.db, { authorization: `Bearer ${token}` })).toMatchObject({
        email: "wes@newsroom.example",
        role: "editor",
      });
      expect(await resolveUser(store.db, { token: short })).toMatchObject({ email: "wes@newsroom.example" });

      expect((await run("user", "disable", "--email", "wes@newsroom.example")).code).toBe(0);
      expect(await resolveUser(store.db, { token })).toBeNull();
      expect(await run("token", "--email", "wes@newsroom.example")).toEqual({
        code: 1,
        stdout: "",
        stderr: "galley: wes@newsroom.example is disabled; enable the account first.\n",
      });
    } finally {
      await store.close();
      if (saved.dataDir === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = saved.dataDir;
      if (saved.secret !== undefined) process.env.NEXTAUTH_SECRET = saved.secret;
      resetEnvCache();
    }
  });

  it("with REDIS_URL, tells the servers' event bus about the change", async () => {
    const listener = createRedisTransport(redisUrl);
    const seen: GalleyEvent[] = [];
    listener.onEvent((event) => seen.push(event));
    try {
      // The subscription is asynchronous: wait until a probe of our own comes back.
      const probe: GalleyEvent = { type: "article.changed", articleId: `probe-${newId()}` };
      await waitFor(async () => {
        await listener.publish(probe);
        return seen.some((e) => e.type === "article.changed" && e.articleId === probe.articleId);
      });
      const users = JSON.parse((await run("user", "list", "--json")).stdout) as { id: string; email: string }[];
      const rae = users.find((u) => u.email === "rae@newsroom.example")!;
      const result = await galley(["user", "set-role", "--email", rae.email, "--role", "writer"], { ...env, REDIS_URL: redisUrl });
      expect(result.code).toBe(0);
      await waitFor(async () => seen.some((e) => e.type === "user.changed" && e.userId === rae.id));
    } finally {
      await listener.close();
    }
  });

  it("with REDIS_URL, exits 0 with nothing on stderr, run after run, whether it publishes or not", async () => {
    const withRedis = { ...env, REDIS_URL: redisUrl };
    for (let i = 0; i < 8; i++) {
      const listed = await galley(["user", "list"], withRedis);
      expect(listed, `user list, run ${i + 1}`).toMatchObject({ code: 0, stderr: "" });
      const role = i % 2 === 0 ? "reviewer" : "writer";
      const changed = await galley(["user", "set-role", "--email", "rae@newsroom.example", "--role", role], withRedis);
      expect(changed, `user set-role, run ${i + 1}`).toMatchObject({ code: 0, stderr: "" });
    }
  });

  it("keeps logs off stdout and fails with exit 1 when the store is unreachable", async () => {
    const result = await galley(["user", "list"], {
      DATA_DIR: path.join(dir, "data"),
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/none",
      LOG_LEVEL: "info",
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^galley: .*ECONNREFUSED/m);
    expect(result.stderr).toContain('"msg":"could not open the store"');
  });

  it("leaves nothing behind when a command is refused", async () => {
    const store = await openStore({ url: path.join(env.DATA_DIR!, "galley.db") });
    const count = async () => (await store.db.selectFrom("users").select("id").execute()).length;
    try {
      const before = await count();
      expect((await run("user", "add", "--email", "short@newsroom.example", "--name", "S", "--role", "writer", "--password", "short")).code).toBe(1);
      expect(await count()).toBe(before);
    } finally {
      await store.close();
    }
  });
});

describe("galley article versions on SQLite", { timeout: 60_000 }, () => {
  let dir: string;
  let live: Store;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-cli-versions-"));
    live = await openStore({ url: path.join(dir, "data", "galley.db") });
  });
  afterAll(async () => {
    await live.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lists an article's versions newest first, as a table or as the API's JSON, and says when there are none", async () => {
    const writer = await insertUser(live.db, { role: "writer", name: "Vera Version" });
    const article = await insertArticle(live.db, writer, { title: "Tides" });
    const env = { DATA_DIR: path.join(dir, "data") };
    const none = await galley(["article", "versions", "--id", article.id], env);
    expect(none).toMatchObject({ code: 0, stdout: "" });
    expect(none.stderr).toContain("No versions yet");

    const doc = new Y.Doc();
    doc.getText(articleFields.headline).insert(0, "High tide at noon");
    await appendUpdates(live.db, [{ articleId: article.id, data: Y.encodeStateAsUpdate(doc) }]);
    await makeVersion(live.db, article.id, { kind: "named", name: "first draft", createdBy: writer.id });
    await makeVersion(live.db, article.id, { kind: "named", name: "second look" });

    const table = await galley(["article", "versions", "--id", article.id], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NUMBER\s+KIND\s+NAME\s+CREATED\s+BY\s+ADDED\s+REMOVED$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/).slice(0, 3))).toEqual([["2", "named", "second look"], ["1", "named", "first draft"]]);
    const json = JSON.parse((await galley(["article", "versions", "--id", article.id, "--json"], env)).stdout);
    expect(json[1]).toMatchObject({ number: 1, kind: "named", name: "first draft", createdBy: { id: writer.id, name: "Vera Version" }, added: 4 });

    const missing = await galley(["article", "versions", "--id", "no-such-article"], env);
    expect(missing).toMatchObject({ code: 1, stderr: "galley: No article has the id no-such-article.\n" });

    // Restore version 1 as the writer: a third version, kind restored.
    const restored = await galley(["article", "restore", "--id", article.id, "--version", "1", "--as", writer.email], env);
    expect(restored).toMatchObject({ code: 0, stdout: `Restored version 1 of ${article.id} as version 3\n`, stderr: "" });
    expect(JSON.parse((await galley(["article", "versions", "--id", article.id, "--json"], env)).stdout)[0]).toMatchObject({ number: 3, kind: "restored" });
    expect(await galley(["article", "restore", "--id", article.id, "--version", "first", "--as", writer.email], env)).toMatchObject({ code: 2 });
    expect(await galley(["article", "restore", "--id", article.id, "--version", "9", "--as", writer.email], env)).toMatchObject({
      code: 1,
      stderr: `galley: Article ${article.id} has no version 9.\n`,
    });
  });
});

describe("galley desk and article status on SQLite", { timeout: 60_000 }, () => {
  let dir: string;
  let live: Store;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-cli-desks-"));
    live = await openStore({ url: path.join(dir, "data", "galley.db") });
  });
  afterAll(async () => {
    await live.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates and staffs desks, lists them as a table or JSON, refuses writers and duplicates", async () => {
    const env = { DATA_DIR: path.join(dir, "data") };
    const lawyer = await insertUser(live.db, { role: "reviewer", name: "Lou Lawyer" });
    const writer = await insertUser(live.db, { role: "writer", name: "Wes Writer" });
    expect(await galley(["desk", "list"], env)).toMatchObject({ code: 0, stdout: "", stderr: expect.stringContaining("No desks yet") });
    expect(await galley(["desk", "create", "--name", "Legal"], env)).toMatchObject({ code: 0, stdout: "Created the Legal desk\n" });
    expect(await galley(["desk", "create", "--name", "legal"], env)).toMatchObject({ code: 1, stderr: "galley: There is already a desk called legal.\n" });
    expect(await galley(["desk", "add", "--name", "legal", "--email", lawyer.email], env)).toMatchObject({ code: 0, stdout: `Added ${lawyer.email} to the Legal desk\n` });
    expect(await galley(["desk", "add", "--name", "Legal", "--email", writer.email], env)).toMatchObject({ code: 1, stderr: expect.stringContaining("desks give sign-offs") });
    expect(await galley(["desk", "add", "--name", "Sports", "--email", lawyer.email], env)).toMatchObject({ code: 1, stderr: "galley: There is no desk called Sports.\n" });
    const table = await galley(["desk", "list"], env);
    expect(table.stdout.split("\n")[1]).toMatch(new RegExp(`^Legal\\s+1\\s+${lawyer.email.replace(/[.]/g, "\\.")}$`));
    expect(JSON.parse((await galley(["desk", "list", "--json"], env)).stdout)).toEqual([{ id: expect.any(String), name: "Legal", members: [{ id: lawyer.id, name: lawyer.name, email: lawyer.email }] }]);
    expect(await galley(["desk", "remove", "--name", "Legal", "--email", lawyer.email], env)).toMatchObject({ code: 0, stdout: `Removed ${lawyer.email} from the Legal desk\n` });
  });

  it("article status says the status and who signed off which version", async () => {
    const env = { DATA_DIR: path.join(dir, "data") };
    const writer = await insertUser(live.db, { role: "writer" });
    const reviewer = await insertUser(live.db, { role: "reviewer", name: "Rae Reviewer" });
    const article = await insertArticle(live.db, writer, { title: "Tides" });
    const draft = await galley(["article", "status", "--id", article.id], env);
    expect(draft).toMatchObject({ code: 0, stdout: `Tides (${article.id}): draft\n`, stderr: "No sign-offs asked for yet.\n" });
    await runWorkflowAction(live.db, writer, { articleId: article.id, action: "submit", reviewers: [reviewer.email] });
    await runWorkflowAction(live.db, reviewer, { articleId: article.id, action: "approve" });
    const approved = await galley(["article", "status", "--id", article.id], env);
    expect(approved.stdout).toContain(`Tides (${article.id}): approved`);
    expect(approved.stdout).toMatch(/person\s+Rae Reviewer\s+approved\s+\S+\s+version 1/);
    const json = JSON.parse((await galley(["article", "status", "--id", article.id, "--json"], env)).stdout);
    expect(json).toMatchObject({ article: { id: article.id, status: "approved" }, review: { signoffs: [{ kind: "person", name: "Rae Reviewer", approval: { decision: "approved", stale: false } }] } });
    expect(await galley(["article", "status", "--id", "nope"], env)).toMatchObject({ code: 1, stderr: "galley: No article has the id nope.\n" });
  });
});

describe("galley restore on SQLite", { timeout: 90_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-cli-restore-"));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("puts a backup back, keeping the store it replaces; refuses while a server runs, and files that are not a Galley store", async () => {
    const env = { DATA_DIR: path.join(dir, "data") };
    expect(await galley(["user", "add", "--email", "kept@newsroom.example", "--name", "Kept Person", "--role", "writer"], env)).toMatchObject({ code: 0 });
    const backupFile = path.join(dir, "before.db");
    expect(await galley(["backup", "--out", backupFile], env)).toMatchObject({ code: 0 });
    expect(await galley(["user", "add", "--email", "later@newsroom.example", "--name", "Later Person", "--role", "writer"], env)).toMatchObject({ code: 0 });

    // A server's lock naming a live process (this one) stops it.
    const lock = path.join(dir, "data", "galley.pid");
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, port: 3000 }));
    const refused = await galley(["restore", "--from", backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`A Galley server is running on ${path.resolve(dir, "data")} (process ${process.pid}, port 3000`);
    fs.rmSync(lock);

    const garbage = path.join(dir, "garbage.db");
    fs.writeFileSync(garbage, "not a database at all, just words");
    expect((await galley(["restore", "--from", garbage], env)).stderr).toContain("is not an SQLite database");
    const other = path.join(dir, "other.db");
    const { default: SQLite } = await import("better-sqlite3");
    new SQLite(other).exec("create table notes (body text)");
    expect((await galley(["restore", "--from", other], env)).stderr).toContain("is not a Galley store");

    const restored = await galley(["restore", "--from", backupFile], env);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .+before\.db into .+galley\.db: \d+ users, 0 articles, 0 versions\nThe store it replaced is kept as .+galley\.db\.before-restore-/);
    const emails = (JSON.parse((await galley(["user", "list", "--json"], env)).stdout) as { email: string }[]).map((u) => u.email);
    expect(emails).toContain("kept@newsroom.example");
    expect(emails).not.toContain("later@newsroom.example");
    expect(fs.readdirSync(path.join(dir, "data")).some((name) => name.startsWith("galley.db.before-restore-"))).toBe(true);
  });
});

describe("galley backup on SQLite", { timeout: 60_000 }, () => {
  let dir: string;
  let live: Store;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-cli-backup-"));
    // Open all along, as the running server holds it.
    live = await openStore({ url: path.join(dir, "data", "galley.db") });
  });
  afterAll(async () => {
    await live.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies the whole store while it is in use, comments and documents included, and never overwrites a file", async () => {
    const writer = await insertUser(live.db, { role: "writer", name: "Bea Backup" });
    const article = await insertArticle(live.db, writer, { title: "Kept safe" });
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("The harbour reopened at dawn.")]);
    doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
    await appendUpdates(live.db, [{ articleId: article.id, data: Y.encodeStateAsUpdate(doc) }]);
    await createComment(live.db, writer, { articleId: article.id, body: "Keep this comment" });

    const out = path.join(dir, "galley-backup.db");
    const env = { DATA_DIR: path.join(dir, "data") };
    const result = await galley(["backup", "--out", out], env);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(`${out} ${fs.statSync(out).size} bytes\n`);

    const copy = await openStore({ url: out, migrate: false });
    try {
      expect((await listComments(copy.db, article.id)).map((c) => [c.body, c.author.name])).toEqual([["Keep this comment", "Bea Backup"]]);
      expect(await readArticleText(copy.db, article.id)).toContain("The harbour reopened at dawn.");
      expect(await copy.db.selectFrom("audit_log").select("action").where("action", "=", "comment.create").execute()).toHaveLength(1);
    } finally {
      await copy.close();
    }

    const size = fs.statSync(out).size;
    const again = await galley(["backup", "--out", out], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`galley: ${out} already exists; Galley never overwrites a backup. Choose a new file name.\n`);
    expect(fs.statSync(out).size).toBe(size);
    expect((await galley(["backup"], env)).code).toBe(2);
  });
});

describe("galley on PostgreSQL (DATABASE_URL)", { timeout: 60_000 }, () => {
  const schema = `cli_${newId()}`;
  const url = new URL(testPostgresUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const secret = "cli-postgres-test-secret-0123456789";
  let dir: string;
  let env: Env;
  let store: Store | undefined;

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-cli-pg-"));
    env = { DATABASE_URL: url.toString(), NEXTAUTH_SECRET: secret, DATA_DIR: path.join(dir, "data") };
  });
  afterAll(async () => {
    await store?.close();
    const client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes to the PostgreSQL schema and mints tokens with NEXTAUTH_SECRET", async () => {
    expect((await galley(["admin", "create", "--email", "ops@newsroom.example", "--name", "Ops"], env)).code).toBe(0);
    expect((await galley(["user", "add", "--email", "pia@newsroom.example", "--name", "Pia", "--role", "writer"], env)).code).toBe(0);
    const created = await galley(["article", "create", "--title", "Budget night", "--owner", "pia@newsroom.example"], env);
    expect(created.stdout).toMatch(/^[0-9a-z]{16}\n$/);
    const listed = JSON.parse((await galley(["user", "list", "--json"], env)).stdout) as { email: string; role: string }[];
    expect(listed.map((u) => [u.email, u.role])).toEqual([
      ["ops@newsroom.example", "admin"],
      ["pia@newsroom.example", "writer"],
    ]);
    const minted = await galley(["token", "--email", "pia@newsroom.example", "--ttl", "60"], env);
    expect(minted.code, minted.stderr).toBe(0);
    const token = minted.stdout.trim();

    expect(readToken(token, secret), `galley token printed ${JSON.stringify(minted.stdout)}`).toMatchObject({ ver: 0 });
    const saved = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = secret;
    resetEnvCache();
    try {
      store = await openStore({ url: url.toString() });
      expect(await resolveUser(store.db, { token })).toMatchObject({ email: "pia@newsroom.example", role: "writer" });
      const article = await store.db.selectFrom("articles").select(["id", "title"]).executeTakeFirstOrThrow();
      expect(article).toEqual({ id: created.stdout.trim(), title: "Budget night" });
      // The SQLite file was never created: DATABASE_URL wins.
      expect(fs.existsSync(path.join(dir, "data", "galley.db"))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = saved;
      resetEnvCache();
    }
  });

  it("refuses a backup with exit 1, pointing to pg_dump", async () => {
    const out = path.join(dir, "never.db");
    const result = await galley(["backup", "--out", out], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('back it up with pg_dump --format=custom "$DATABASE_URL"');
    expect(fs.existsSync(out)).toBe(false);
  });
});
