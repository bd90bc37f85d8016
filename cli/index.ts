import { runCli } from "./run";

/** `galley …`: bin/galley.mjs loads this through tsx, so no build step is needed. */
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});
