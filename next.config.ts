import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // One copy of these in the process: the custom server loads them too (duplicate Yjs, native modules).
  serverExternalPackages: ["yjs", "better-sqlite3", "@node-rs/argon2", "pg", "pino", "ioredis"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() + app/forbidden.tsx: a real 403 page with a 403 status.
  experimental: { authInterrupts: true },
};

export default nextConfig;
