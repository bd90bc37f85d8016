/** What the e2e server is started with (playwright.config.ts) and what the specs sign in as. */
export const port = Number(process.env.GALLEY_E2E_PORT ?? 3210);
export const baseURL = `http://localhost:${port}`;

export const admin = {
  email: "admin@example.test",
  password: "e2e-admin-password-4821",
  name: "Administrator",
};

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
