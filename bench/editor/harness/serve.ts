/**
 * The article editor outside Next.js, for developing it and for looking at
 * it in a browser: a real collab server over a fresh SQLite store, three
 * people (two writers sharing an article and its assigned reviewer), and a
 * page per person that mounts <ArticleEditor> with a collab token.
 *
 *   npx tsx bench/editor/harness/serve.ts [port]
 *   → /?as=writer|coauthor|reviewer[&article=<id>]   /new (an empty article, as JSON)
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { findArticleAccess } from "../../../lib/articles";
import { mintToken } from "../../../lib/auth/tokens";
import { allowedArticleActions } from "../../../lib/policy";
import { toActor } from "../../../lib/users";
import { insertArticle, addMember, insertUser } from "../../../lib/testing/factories";
import { createTestStore } from "../../../lib/testing/stores";
import { createCollabServer } from "../../../server/collab";
import { bundleEditor } from "./bundle";

process.env.NEXTAUTH_SECRET ??= "editor-harness-secret-0123456789abcdef";

async function main() {
  const store = await createTestStore("sqlite");
  const db = store.db;
  const people = {
    writer: await insertUser(db, { role: "writer", name: "Amira Haddad", email: "amira@example.test" }),
    coauthor: await insertUser(db, { role: "writer", name: "Ben Carter", email: "ben@example.test" }),
    reviewer: await insertUser(db, { role: "reviewer", name: "Rui Santos", email: "rui@example.test" }),
  };
  const newArticle = async () => {
    const article = await insertArticle(db, people.writer, { title: "Harness article" });
    await addMember(db, article.id, people.coauthor, "author");
    await addMember(db, article.id, people.reviewer, "reviewer");
    await db.updateTable("articles").set({ word_target: 600 }).where("id", "=", article.id).execute();
    return article.id;
  };
  const defaultArticle = await newArticle();
  const collab = createCollabServer({ db });
  const assets = await bundleEditor({ profile: false });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://harness.invalid");
    if (url.pathname === "/harness.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(assets.js);
    if (url.pathname === "/harness.css") return void res.writeHead(200, { "content-type": "text/css" }).end(assets.css);
    if (url.pathname === "/new") {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: await newArticle() }));
    }
    if (url.pathname !== "/") return void res.writeHead(404).end();
    const who = (url.searchParams.get("as") ?? "writer") as keyof typeof people;
    const user = people[who] ?? people.writer;
    const articleId = url.searchParams.get("article") ?? defaultArticle;
    const props = {
      articleId,
      currentUser: { id: user.id, name: user.name },
      allowedActions: allowedArticleActions(toActor(user), (await findArticleAccess(db, articleId, user.id))!),
      authors: [people.writer, people.coauthor].map(({ id, name }) => ({ id, name })),
      wordTarget: 600,
      collabOrigin: `ws://${req.headers.host}`,
      collabToken: mintToken(user, 3600),
    };
    const json = JSON.stringify(props).replace(/</g, "\\u003c");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Editor harness — ${user.name}</title>
<link rel="stylesheet" href="/harness.css">
<style>body{margin:0;background:#f6f4ef;font-family:system-ui,sans-serif;color:#1d1c1a}main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}</style>
</head><body><main><div id="root"></div></main>
<script type="application/json" id="editor-props">${json}</script>
<script type="module" src="/harness.js"></script></body></html>`);
  });
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  const port = Number(process.argv[2] ?? 0);
  server.listen(port, "127.0.0.1", () => {
    const { port: actual } = server.address() as AddressInfo;
    process.stdout.write(`HARNESS http://127.0.0.1:${actual} article=${defaultArticle}\n`);
  });
  const stop = async () => {
    await collab.close();
    server.closeAllConnections();
    server.close();
    await store.dispose();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
