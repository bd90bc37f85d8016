import { parseArgs } from "node:util";
import { isAppError } from "../lib/errors";
import { UsageError, type Command } from "./command";
import { commands } from "./commands";
import { openRuntime, type Runtime } from "./runtime";
import { usage } from "./usage";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const helpWords = new Set(["help", "--help", "-h"]);

function findCommand(argv: string[]): { command: Command; rest: string[] } {
  const [first = "", second = ""] = argv;
  const command = commands.find((c) => c.name === `${first} ${second}`) ?? commands.find((c) => c.name === first);
  if (command) return { command, rest: argv.slice(command.name.split(" ").length) };
  const subcommands = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.split(" ")[1]);
  if (subcommands.length === 0) throw new UsageError(`unknown command "${first}"`);
  if (!second || second.startsWith("-")) throw new UsageError(`"${first}" needs one of: ${subcommands.join(", ")}`);
  throw new UsageError(`unknown command "${first} ${second}"`);
}

/** Parses the options strictly; every problem becomes a UsageError before the store is touched. */
function parseOptions(command: Command, rest: string[]): Record<string, string | boolean | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type }]));
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node:util's messages continue with advice about "--" that does not apply here.
    const message = error instanceof Error ? error.message.split(". ")[0]! : String(error);
    throw new UsageError(`${command.name}: ${message}`);
  }
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (spec.type === "boolean") {
      values[name] = value === true;
      continue;
    }
    if (spec.isRequired && (value === undefined || value === "")) throw new UsageError(`${command.name} needs --${name}`);
    if (spec.choices && typeof value === "string" && !spec.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of: ${spec.choices.join(", ")}`);
    }
  }
  return values;
}

/**
 * Runs one galley command line and answers the exit status: 0 done,
 * 1 refused by Galley (AppError) or failed, 2 bad command line.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const text = usage(commands);
  if (argv.length === 0 || helpWords.has(argv[0]!) || argv.includes("--help") || argv.includes("-h")) {
    io.stdout(text);
    return 0;
  }
  let runtime: Runtime | undefined;
  try {
    const { command, rest } = findCommand(argv);
    const values = parseOptions(command, rest);
    command.check?.(values);
    const output = { print: (line: string) => io.stdout(`${line}\n`), note: (line: string) => io.stderr(`${line}\n`) };
    if (command.isStoreless) {
      await command.run({ ...output, get db(): never { throw new Error(`${command.name} runs without the store open`); } }, values);
      return 0;
    }
    runtime = await openRuntime();
    await command.run({ db: runtime.db, ...output }, values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`galley: ${error.message}\n\n${text}`);
      return 2;
    }
    if (isAppError(error)) {
      io.stderr(`galley: ${error.message}\n`);
      return 1;
    }
    runtime?.logger().error({ err: error }, "galley command failed");
    io.stderr(`galley: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await runtime?.close();
  }
}
