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
