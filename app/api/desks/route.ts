import { desks } from "@/lib/commands/desks";
import { apiRoute, json } from "../_lib/route";

// GET /api/desks – every desk and who is on it: the sign-offs a submission may ask for
export const GET = apiRoute(async ({ db }) => {
  const list = await desks(db);
  return json({ desks: list.map((desk) => ({ id: desk.id, name: desk.name, members: desk.members.map(({ id, name, email }) => ({ id, name, email })) })) });
});
