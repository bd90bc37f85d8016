import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // One copy of these in the process: the custom server loads them too (duplicate Yjs, native modules).
  serverExternalPackages: ["yjs", "better-sqlite3", "@node-rs/argon2", "pg", "pino", "ioredis"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() + app/forbidden.tsx: a real 403 page with a 403 status.
  experimental: { authInterrupts: true },
  // No Buffer polyfill in the browser (lib/browser/no-buffer.ts says why).
  turbopack: {
    // Turbopack answers a browser module's free `Buffer` with this polyfill.
    resolveAlias: { "next/dist/compiled/buffer": { browser: "./lib/browser/no-buffer.ts" } },
  },
};

export default nextConfig;
