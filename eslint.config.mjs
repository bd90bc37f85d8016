import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // Kysely migrations are written against an untyped schema by design.
      "@typescript-eslint/no-explicit-any": ["error", { ignoreRestArgs: true }],
    },
  },
  {
    // The walls: the UI and the domain never import the server (server/ imports them, not the reverse).
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/server", "@/server/**", "**/server/*"], message: "app/, components/ and lib/ never import server/ (it imports them)." }] },
      ],
    },
  },
  {
    // Migrations target an untyped schema; bench IPC payloads are structured clones each caller types.
    files: ["lib/db/migrations.ts", "bench/ipc.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
