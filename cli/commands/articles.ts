import { memberRoles, type MemberRole } from "../../lib/db/schema";
import { AppError } from "../../lib/errors";
import { defineCommand, UsageError } from "../command";
import { formatTable } from "../table";

// Loaded when a command runs, not for `galley help` (see ./users.ts).
const articleCommands = () => import("../../lib/commands/articles");

export const articleCreate = defineCommand({
  name: "article create",
  synopsis: "article create --title T --owner EMAIL",
  summary: "Create a draft owned by that user; prints only the new article's id.",
  options: { title: { type: "string", isRequired: true }, owner: { type: "string", isRequired: true } },
  async run(context, values) {
    const [{ createArticle }, { findUserByEmail, normalizeEmail }] = await Promise.all([
      articleCommands(),
      import("../../lib/users"),
    ]);
    const owner = await findUserByEmail(context.db, values.owner);
    if (!owner) throw new AppError("not_found", `No user has the email ${normalizeEmail(values.owner)}.`, "owner");
    const article = await createArticle(context.db, "cli", { title: values.title }, owner);
    // Only the id, so scripts can write ID=$(galley article create …).
    context.print(article.id);
  },
});

export const articleShare = defineCommand({
  name: "article share",
  synopsis: `article share --id ID --email E --as ${memberRoles.join("|")}`,
  summary: "Make a user a co-author or an assigned reviewer of the article.",
  options: {
    id: { type: "string", isRequired: true },
    email: { type: "string", isRequired: true },
    as: { type: "string", isRequired: true, choices: memberRoles },
  },
  async run(context, values) {
    const { shareArticle } = await articleCommands();
    const shared = await shareArticle(context.db, "cli", {
      articleId: values.id,
      email: values.email,
      as: values.as as MemberRole,
    });
    context.print(`Shared ${shared.articleId} with ${shared.user.email} as ${shared.as}`);
  },
});

export const articleVersions = defineCommand({
  name: "article versions",
  synopsis: "article versions --id ID [--json]",
  summary: "List the article's versions, newest first (--json: the API's version objects).",
  options: { id: { type: "string", isRequired: true }, json: { type: "boolean" } },
  async run(context, values) {
    const [{ findArticleRow }, { listVersions, versionJson }] = await Promise.all([import("../../lib/articles"), import("../../lib/versions")]);
    if (!(await findArticleRow(context.db, values.id))) throw new AppError("not_found", `No article has the id ${values.id}.`, "id");
    const versions = await listVersions(context.db, values.id);
    if (values.json) {
      context.print(JSON.stringify(versions.map(versionJson), null, 2));
      return;
    }
    if (versions.length === 0) {
      context.note("No versions yet: one is made after a burst of editing, or with Save version in the editor.");
      return;
    }
    const rows = versions.map((v) => [String(v.number), v.kind, v.name ?? "", v.createdAt, v.createdBy?.name ?? "Galley", `+${v.added}`, `-${v.removed}`]);
    for (const line of formatTable(["NUMBER", "KIND", "NAME", "CREATED", "BY", "ADDED", "REMOVED"], rows)) context.print(line);
  },
});

export const articleRestore = defineCommand({
  name: "article restore",
  synopsis: "article restore --id ID --version N --as EMAIL",
  summary: "Make the article say what its version N says, as a new change by that user (who must be able to edit it).",
  options: { id: { type: "string", isRequired: true }, version: { type: "string", isRequired: true }, as: { type: "string", isRequired: true } },
  check(values) {
    if (!/^[1-9][0-9]*$/.test(String(values.version))) throw new UsageError("--version must be a version number (1, 2, 3…)");
  },
  async run(context, values) {
    const [{ restoreVersion }, { findVersionByNumber }, { findUserByEmail, normalizeEmail }] = await Promise.all([
      import("../../lib/commands/restore-version"),
      import("../../lib/versions"),
      import("../../lib/users"),
    ]);
    const user = await findUserByEmail(context.db, values.as);
    if (!user) throw new AppError("not_found", `No user has the email ${normalizeEmail(values.as)}.`, "as");
    const version = await findVersionByNumber(context.db, values.id, Number(values.version));
    if (!version) throw new AppError("not_found", `Article ${values.id} has no version ${values.version}.`, "version");
    const restored = await restoreVersion(context.db, user, { articleId: values.id, versionId: version.id });
    context.print(`Restored version ${values.version} of ${values.id} as version ${restored.number}`);
  },
});

export const articleStatus = defineCommand({
  name: "article status",
  synopsis: "article status --id ID [--json]",
  summary: "The article's status, its sign-offs with who approved which version, and what is published (--json: the API's article and review).",
  options: { id: { type: "string", isRequired: true }, json: { type: "boolean" } },
  async run(context, values) {
    const [{ findArticleSummary }, { loadReview, signoffJson }, { findVersion }] = await Promise.all([
      import("../../lib/articles"),
      import("../../lib/workflow"),
      import("../../lib/versions"),
    ]);
    const article = await findArticleSummary(context.db, values.id);
    if (!article) throw new AppError("not_found", `No article has the id ${values.id}.`, "id");
    const review = await loadReview(context.db, values.id, article.contentHash);
    const published = article.publishedVersionId ? await findVersion(context.db, values.id, article.publishedVersionId) : undefined;
    const versionNumbers = new Map<string, number>();
    for (const signoff of review.signoffs) {
      const id = signoff.approval?.versionId;
      if (id && !versionNumbers.has(id)) versionNumbers.set(id, (await findVersion(context.db, values.id, id))?.number ?? 0);
    }
    if (values.json) {
      const body = {
        article: { id: article.id, title: article.title, status: article.status, contentHash: article.contentHash },
        review: {
          signoffs: review.signoffs.map(signoffJson),
          ...(published ? { publishedVersion: { id: published.id, number: published.number, contentHash: published.content_hash, publishedAt: article.publishedAt } } : {}),
        },
      };
      context.print(JSON.stringify(body, null, 2));
      return;
    }
    context.print(`${article.title} (${article.id}): ${article.status.replace("_", " ")}`);
    if (published) context.print(`Published: version ${published.number} at ${article.publishedAt}${published.content_hash === article.contentHash ? "" : ", with unpublished changes"}`);
    if (review.signoffs.length === 0) {
      context.note("No sign-offs asked for yet.");
      return;
    }
    const rows = review.signoffs.map((s) => {
      const a = s.approval;
      const state = !a ? "waiting" : a.decision === "changes_requested" ? "changes requested" : a.stale ? "approved an earlier version" : "approved";
      return [s.kind, s.name, state, a?.reviewer.email ?? "", a ? `version ${versionNumbers.get(a.versionId)}` : "", a?.at ?? ""];
    });
    for (const line of formatTable(["KIND", "SIGN-OFF", "STATE", "BY", "ON", "AT"], rows)) context.print(line);
  },
});
