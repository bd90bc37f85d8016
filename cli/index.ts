import { runCli } from "./run";

/**
 * A reader that went away (`galley user add … | head -1`) is not an error: the
 * command has done its work, and what it still has to say has nowhere to go.
 * Without this, the write's EPIPE ends the process with a stack trace.
 */
const openStreams = new Set<NodeJS.WriteStream>([process.stdout, process.stderr]);
for (const stream of openStreams) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    openStreams.delete(stream);
  });
}
const writeTo = (stream: NodeJS.WriteStream) => (text: string) => {
  if (openStreams.has(stream)) stream.write(text);
};

/** `galley …`: bin/galley.mjs loads this through tsx, so no build step is needed. */
process.exitCode = await runCli(process.argv.slice(2), { stdout: writeTo(process.stdout), stderr: writeTo(process.stderr) });
