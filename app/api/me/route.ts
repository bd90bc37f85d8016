import { apiRoute, json } from "../_lib/route";
import { presentUser } from "../_lib/presenters";

// GET /api/me – who the session cookie or bearer token belongs to
export const GET = apiRoute(async ({ user }) => json({ user: presentUser(user) }));
