import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "./env";

describe("the environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it("refuses a publish webhook URL without its secret, naming the variable", () => {
    process.env.GALLEY_PUBLISH_WEBHOOK_URL = "https://example.test/hooks/galley";
    delete process.env.GALLEY_PUBLISH_WEBHOOK_SECRET;
    resetEnvCache();
    expect(() => env()).toThrow(/GALLEY_PUBLISH_WEBHOOK_SECRET: required when GALLEY_PUBLISH_WEBHOOK_URL is set/);
  });

  it("takes the URL with a secret, and neither at all", () => {
    process.env.GALLEY_PUBLISH_WEBHOOK_URL = "https://example.test/hooks/galley";
    process.env.GALLEY_PUBLISH_WEBHOOK_SECRET = "s3cret";
    resetEnvCache();
    expect(env()).toMatchObject({ GALLEY_PUBLISH_WEBHOOK_URL: "https://example.test/hooks/galley", GALLEY_PUBLISH_WEBHOOK_SECRET: "s3cret" });
    delete process.env.GALLEY_PUBLISH_WEBHOOK_URL;
    delete process.env.GALLEY_PUBLISH_WEBHOOK_SECRET;
    resetEnvCache();
    expect(env().GALLEY_PUBLISH_WEBHOOK_URL).toBeUndefined();
  });
});
