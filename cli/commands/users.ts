import { roles } from "../../lib/db/schema";
import type { User } from "../../lib/users";
import { defineCommand, UsageError, type CommandContext } from "../command";
import { formatTable } from "../table";

// Each `run` imports what it needs when it runs, so `galley help` and usage
// errors answer without loading the store's modules.
const userCommands = () => import("../../lib/commands/users");

const statusOf = (user: User) => (user.isDisabled ? "disabled" : "active");

function printCreated(context: CommandContext, user: User, generatedPassword: string | undefined) {
  context.print(`Created ${user.role} ${user.email}`);
  context.print(`  email:    ${user.email}`);
  if (generatedPassword) {
    // Stored only as a hash: this is the one chance to read it.
    context.print(`  password: ${generatedPassword}`);
    context.note("The password is shown only now; pass it on safely.");
  }
}

export const adminCreate = defineCommand({
  name: "admin create",
  synopsis: "admin create [--email E] [--name N] [--password P]",
  summary: "Create an administrator. E defaults to GALLEY_ADMIN_EMAIL; without P one is generated and shown once.",
  options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
  check(values) {
    if (!values.email && !process.env.GALLEY_ADMIN_EMAIL) {
      throw new UsageError("admin create needs --email (or GALLEY_ADMIN_EMAIL in the environment)");
    }
  },
  async run(context, values) {
    const [{ createUser }, { env }] = await Promise.all([userCommands(), import("../../lib/env")]);
    const { user, generatedPassword } = await createUser(context.db, "cli", {
      email: values.email ?? env().GALLEY_ADMIN_EMAIL!,
      name: values.name ?? "Administrator",
      role: "admin",
      password: values.password,
    });
    printCreated(context, user, generatedPassword);
  },
});

export const userAdd = defineCommand({
  name: "user add",
  synopsis: "user add --email E --name N --role R [--password P]",
  summary: "Add a user. Without P a password is generated and shown once.",
  options: {
    email: { type: "string", isRequired: true },
    name: { type: "string", isRequired: true },
    role: { type: "string", isRequired: true, choices: roles },
    password: { type: "string" },
  },
  async run(context, values) {
    const { createUser } = await userCommands();
    const { user, generatedPassword } = await createUser(context.db, "cli", {
      email: values.email,
      name: values.name,
      role: values.role as User["role"],
      password: values.password,
    });
    printCreated(context, user, generatedPassword);
  },
});

export const userList = defineCommand({
  name: "user list",
  synopsis: "user list [--json]",
  summary: "List users: email, name, role, status (--json: an array of objects).",
  options: { json: { type: "boolean" } },
  async run(context, values) {
    const { listUsers } = await import("../../lib/users");
    const users = await listUsers(context.db);
    if (values.json) {
      const rows = users.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        status: statusOf(u),
        createdAt: u.createdAt,
        updatedAt: u.updatedAt,
      }));
      context.print(JSON.stringify(rows, null, 2));
      return;
    }
    const table = formatTable(
      ["EMAIL", "NAME", "ROLE", "STATUS"],
      users.map((u) => [u.email, u.name, u.role, statusOf(u)]),
    );
    for (const line of table) context.print(line);
  },
});

export const userSetRole = defineCommand({
  name: "user set-role",
  synopsis: "user set-role --email E --role R",
  summary: "Change a user's role. The last active administrator keeps theirs.",
  options: {
    email: { type: "string", isRequired: true },
    role: { type: "string", isRequired: true, choices: roles },
  },
  async run(context, values) {
    const { setUserRole } = await userCommands();
    const user = await setUserRole(context.db, "cli", values.email, values.role);
    context.print(`${user.email} is now ${user.role}`);
  },
});

export const userDisable = defineCommand({
  name: "user disable",
  synopsis: "user disable --email E",
  summary: "Disable an account: no sign-in, and its sessions and tokens stop working.",
  options: { email: { type: "string", isRequired: true } },
  async run(context, values) {
    const { setUserDisabled } = await userCommands();
    const user = await setUserDisabled(context.db, "cli", values.email, true);
    context.print(`Disabled ${user.email}`);
  },
});

export const userEnable = defineCommand({
  name: "user enable",
  synopsis: "user enable --email E",
  summary: "Re-enable a disabled account.",
  options: { email: { type: "string", isRequired: true } },
  async run(context, values) {
    const { setUserDisabled } = await userCommands();
    const user = await setUserDisabled(context.db, "cli", values.email, false);
    context.print(`Enabled ${user.email}`);
  },
});

export const userResetPassword = defineCommand({
  name: "user reset-password",
  synopsis: "user reset-password --email E [--password P]",
  summary: "Set a new password (generated and shown once without P); ends the user's sessions.",
  options: { email: { type: "string", isRequired: true }, password: { type: "string" } },
  async run(context, values) {
    const { resetPassword } = await userCommands();
    const { user, generatedPassword } = await resetPassword(context.db, "cli", values.email, values.password);
    context.print(`Reset the password of ${user.email}`);
    if (generatedPassword) {
      context.print(`  password: ${generatedPassword}`);
      context.note("The password is shown only now; pass it on safely.");
    }
  },
});
