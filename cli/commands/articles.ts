import { memberRoles, type MemberRole } from "../../lib/db/schema";
import { AppError } from "../../lib/errors";
import { defineCommand } from "../command";

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
