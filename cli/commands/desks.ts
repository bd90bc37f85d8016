import { defineCommand } from "../command";
import { formatTable } from "../table";

// Loaded when a command runs, not for `galley help`.
const deskCommands = () => import("../../lib/commands/desks");

export const deskCreate = defineCommand({
  name: "desk create",
  synopsis: "desk create --name N",
  summary: "Create a desk (Legal, Copy, Standards…): a sign-off any one of its members can give.",
  options: { name: { type: "string", isRequired: true } },
  async run(context, values) {
    const { createDesk } = await deskCommands();
    const desk = await createDesk(context.db, "cli", { name: values.name });
    context.print(`Created the ${desk.name} desk`);
  },
});

export const deskAdd = defineCommand({
  name: "desk add",
  synopsis: "desk add --name N --email E",
  summary: "Put a reviewer, editor or administrator on the desk.",
  options: { name: { type: "string", isRequired: true }, email: { type: "string", isRequired: true } },
  async run(context, values) {
    const { addDeskMember } = await deskCommands();
    const added = await addDeskMember(context.db, "cli", { name: values.name, email: values.email });
    context.print(added.isNew ? `Added ${added.email} to the ${added.desk} desk` : `${added.email} is already on the ${added.desk} desk`);
  },
});

export const deskRemove = defineCommand({
  name: "desk remove",
  synopsis: "desk remove --name N --email E",
  summary: "Take someone off the desk.",
  options: { name: { type: "string", isRequired: true }, email: { type: "string", isRequired: true } },
  async run(context, values) {
    const { removeDeskMember } = await deskCommands();
    const removed = await removeDeskMember(context.db, "cli", { name: values.name, email: values.email });
    context.print(removed.wasMember ? `Removed ${removed.email} from the ${removed.desk} desk` : `${removed.email} was not on the ${removed.desk} desk`);
  },
});

export const deskList = defineCommand({
  name: "desk list",
  synopsis: "desk list [--json]",
  summary: "List the desks and who is on each (--json: as GET /api/desks).",
  options: { json: { type: "boolean" } },
  async run(context, values) {
    const { desks } = await deskCommands();
    const list = await desks(context.db);
    if (values.json) {
      context.print(JSON.stringify(list.map((d) => ({ id: d.id, name: d.name, members: d.members.map(({ id, name, email }) => ({ id, name, email })) })), null, 2));
      return;
    }
    if (list.length === 0) {
      context.note("No desks yet: create one with `galley desk create --name Legal`.");
      return;
    }
    const rows = list.map((d) => [d.name, String(d.members.length), d.members.map((m) => m.email).join(", ")]);
    for (const line of formatTable(["DESK", "MEMBERS", "EMAILS"], rows)) context.print(line);
  },
});
