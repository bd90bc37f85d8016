import { AppError } from "../../lib/errors";
import { defineCommand, UsageError } from "../command";

export const token = defineCommand({
  name: "token",
  synopsis: "token --email E [--ttl SECONDS]",
  summary: "Print only a signed token for the API (Bearer) and collab socket (?token=); TTL: GALLEY_TOKEN_TTL_SECONDS.",
  options: { email: { type: "string", isRequired: true }, ttl: { type: "string" } },
  check(values) {
    if (values.ttl !== undefined && !/^[1-9]\d{0,8}$/.test(values.ttl)) {
      throw new UsageError("--ttl must be a positive whole number of seconds");
    }
  },
  async run(context, values) {
    // Loaded when it runs, not for `galley help` (see ./users.ts).
    const [{ mintToken }, { env }, { findUserByEmail, normalizeEmail }] = await Promise.all([
      import("../../lib/auth/tokens"),
      import("../../lib/env"),
      import("../../lib/users"),
    ]);
    const user = await findUserByEmail(context.db, values.email);
    if (!user) throw new AppError("not_found", `No user has the email ${normalizeEmail(values.email)}.`, "email");
    // The server would refuse it anyway; saying so here saves a confusing 401 later.
    if (user.isDisabled) throw new AppError("forbidden", `${user.email} is disabled; enable the account first.`);
    const ttl = values.ttl === undefined ? env().GALLEY_TOKEN_TTL_SECONDS : Number(values.ttl);
    context.print(mintToken(user, ttl));
  },
});
