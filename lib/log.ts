import pino from "pino";
import { env } from "./env";

const key = Symbol.for("galley.logger");
type Holder = { [key]?: pino.Logger };

/**
 * A logger with Galley's settings, on stdout unless told otherwise: the CLI
 * passes stderr so its stdout carries only what scripts read.
 */
export function createLogger(destination?: pino.DestinationStream, level?: pino.LevelWithSilent): pino.Logger {
  return pino(
    {
      level: level ?? (env().NODE_ENV === "test" && !process.env.LOG_LEVEL ? "silent" : env().LOG_LEVEL),
      base: { service: "galley" },
      // Secrets never reach a log line, wherever they sit in what is logged.
      redact: {
        paths: [
          "password",
          "*.password",
          "passwordHash",
          "*.passwordHash",
          "token",
          "*.token",
          "secret",
          "*.secret",
          "authorization",
          "*.authorization",
          "cookie",
          "*.cookie",
          "headers.authorization",
          "headers.cookie",
          "*.headers.authorization",
          "*.headers.cookie",
          'headers["set-cookie"]',
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

/** One JSON logger per process, shared by the server and Next's bundle. */
export function logger(): pino.Logger {
  const holder = globalThis as Holder;
  holder[key] ??= createLogger();
  return holder[key];
}

/** Installs the process-wide logger before anything logs (the CLI's stderr logger). */
export function setLogger(instance: pino.Logger): void {
  (globalThis as Holder)[key] = instance;
}
