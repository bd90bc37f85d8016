import { afterEach, expect, it, vi } from "vitest";
import { authOptions } from "./options";

afterEach(() => vi.unstubAllEnvs());

it("marks the session cookie Secure exactly when Galley is served over https", () => {
  vi.stubEnv("NEXTAUTH_URL", "https://galley.example.org");
  expect(authOptions().useSecureCookies).toBe(true);
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
  expect(authOptions().useSecureCookies).toBe(false);
  vi.stubEnv("NEXTAUTH_URL", "");
  expect(authOptions().useSecureCookies).toBe(false);
});
