import { z } from "zod";
import { recordAudit } from "../audit";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/client";
import { AppError } from "../errors";
import { findUserByEmail } from "../users";
import { canSignOff, deleteDeskMember, findDesksByName, insertDesk, insertDeskMember, listDesks, type Desk } from "../workflow";
import { auditActorOf, authorizePrincipal, type Principal } from "./principal";
import { parseInput } from "./users";

const deskName = z
  .string({ message: "Give the desk a name." })
  .trim()
  .min(1, "Give the desk a name, such as “Legal”.")
  .max(60, "A desk's name may be at most 60 characters.");
const deskMemberInput = z.object({ name: deskName, email: z.string({ message: "Give the person's email." }).trim().toLowerCase().email("Give the person's email address.") });


export async function desks(db: Db): Promise<Desk[]> {
  return listDesks(db);
}

/** Creates a desk (Legal, Copy, Standards…): administrators and the operator. */
export async function createDesk(db: Db, principal: Principal, raw: unknown): Promise<{ id: string; name: string }> {
  authorizePrincipal(principal, "desk:manage");
  const { name } = parseInput(z.object({ name: deskName }), raw);
  try {
    return await db.transaction().execute(async (tx) => {
      const desk = await insertDesk(tx, name);
      await recordAudit(tx, auditActorOf(principal), { action: "desk.create", targetType: "desk", targetId: desk.id, after: { name: desk.name } });
      return desk;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `There is already a desk called ${name}.`, "name");
    throw error;
  }
}

async function deskAndPerson(db: Db, raw: unknown) {
  const input = parseInput(deskMemberInput, raw);
  const [desk] = await findDesksByName(db, [input.name]);
  if (!desk) throw new AppError("not_found", `There is no desk called ${input.name}.`, "name");
  const person = await findUserByEmail(db, input.email);
  if (!person) throw new AppError("not_found", `No one has the email ${input.email}.`, "email");
  return { desk, person };
}

/** Puts someone who can sign off on a desk; its sign-offs may then be given by them. */
export async function addDeskMember(db: Db, principal: Principal, raw: unknown): Promise<{ desk: string; email: string; isNew: boolean }> {
  authorizePrincipal(principal, "desk:manage");
  const { desk, person } = await deskAndPerson(db, raw);
  if (!canSignOff(person.role)) {
    throw new AppError("bad_request", `${person.name} is a ${person.role}: desks give sign-offs, so their members are reviewers, editors or administrators.`, "email");
  }
  const isNew = await db.transaction().execute(async (tx) => {
    const added = await insertDeskMember(tx, desk.id, person.id);
    if (added) await recordAudit(tx, auditActorOf(principal), { action: "desk.member.add", targetType: "desk", targetId: desk.id, after: { desk: desk.name, email: person.email } });
    return added;
  });
  return { desk: desk.name, email: person.email, isNew };
}

export async function removeDeskMember(db: Db, principal: Principal, raw: unknown): Promise<{ desk: string; email: string; wasMember: boolean }> {
  authorizePrincipal(principal, "desk:manage");
  const { desk, person } = await deskAndPerson(db, raw);
  const wasMember = await db.transaction().execute(async (tx) => {
    const removed = await deleteDeskMember(tx, desk.id, person.id);
    if (removed) await recordAudit(tx, auditActorOf(principal), { action: "desk.member.remove", targetType: "desk", targetId: desk.id, before: { desk: desk.name, email: person.email } });
    return removed;
  });
  return { desk: desk.name, email: person.email, wasMember };
}
