import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * <ArticleEditor> bundled for a page of its own, without Next (harness/entry.tsx
 * reads its props from the page). Production React either way; `profile`
 * keeps function names readable for a CPU profile and writes to `outdir`,
 * otherwise the bundle is minified and returned in memory.
 */
export async function bundleEditor(options: { outdir: string; profile: true }): Promise<void>;
export async function bundleEditor(options: { profile: false }): Promise<{ js: Uint8Array; css: Uint8Array }>;
export async function bundleEditor(options: { outdir?: string; profile: boolean }): Promise<{ js: Uint8Array; css: Uint8Array } | void> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, "bench/editor/harness/entry.tsx")],
    bundle: true,
    write: options.profile,
    outdir: options.outdir ?? "/harness",
    format: "esm",
    jsx: "automatic",
    ...(options.profile ? { minifySyntax: true, keepNames: true } : { minify: true }),
    sourcemap: false,
    define: { "process.env.NODE_ENV": '"production"' },
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  if (options.profile) return;
  const file = (ext: string) => result.outputFiles?.find((f) => f.path.endsWith(ext))?.contents ?? new Uint8Array();
  return { js: file(".js"), css: file(".css") };
}
