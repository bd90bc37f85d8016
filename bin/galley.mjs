#!/usr/bin/env node
// `npx galley …`: registers tsx and runs the TypeScript CLI as it is, so a
// fresh clone needs no build step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../cli/index.ts");
