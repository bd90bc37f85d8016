import pino from "pino";
import { env } from "./env";

const key = Symbol.for("galley.logger");
type Holder = { [key]?: pino.Logger };

/** One JSON logger per process, shared by the server and Next's bundle. */
export function logger(): pino.Logger {
  const holder = globalThis as Holder;
  holder[key] ??= pino({
    level: env().NODE_ENV === "test" && !process.env.LOG_LEVEL ? "silent" : env().LOG_LEVEL,
    base: { service: "galley" },
    redact: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token"],
  });
  return holder[key];
}
