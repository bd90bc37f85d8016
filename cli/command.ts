import type { Db } from "../lib/db/client";

/** Bad command line: exit 2 with the usage, unlike a refused change (exit 1). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface OptionSpec {
  type: "string" | "boolean";
  isRequired?: boolean;
  /** Allowed values, checked before the store is opened. */
  choices?: readonly string[];
}
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S["type"] extends "string"
    ? S["isRequired"] extends true
      ? string
      : string | undefined
    : string | boolean | undefined;
export type ValuesOf<O extends OptionSpecs> = { [K in keyof O]: ValueOf<O[K]> };

/** What a running command may touch: the store and the two output streams. */
export interface CommandContext {
  db: Db;
  /** stdout: results scripts read. */
  print(line: string): void;
  /** stderr: notes for the person at the terminal. */
  note(line: string): void;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** The words that name it: "user add". */
  name: string;
  /** The line shown in the usage, after `galley `. */
  synopsis: string;
  summary: string;
  options: O;
  /** Checks that need no store (defaults from the environment, numbers); throws UsageError. */
  check?(values: ValuesOf<O>): void;
  /**
   * Runs without the store open (a restore replaces its file): `db` is not
   * there to use, and the command opens what it needs itself.
   */
  isStoreless?: boolean;
  run(context: CommandContext, values: ValuesOf<O>): Promise<void>;
}

/** Keeps each command's option types tied to its `run`. */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}
