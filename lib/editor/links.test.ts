import { describe, expect, it } from "vitest";
import { checkLinkInput, isAllowedHref } from "./links";

describe("isAllowedHref", () => {
  it.each(["https://example.com", "http://example.com/a?b=c#d", "mailto:desk@example.com", "HTTPS://EXAMPLE.COM"])(
    "allows %s",
    (href) => {
      expect(isAllowedHref(href)).toBe(true);
    },
  );

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com",
    "tel:+441234567",
    "/relative/path",
    "//example.com",
    "example.com",
    "https://",
    "mailto:",
    "",
  ])("refuses %j", (href) => {
    expect(isAllowedHref(href)).toBe(false);
  });

  it("refuses what is not a string", () => {
    expect(isAllowedHref(null)).toBe(false);
    expect(isAllowedHref(42)).toBe(false);
  });
});

describe("checkLinkInput", () => {
  it("keeps a full web or mailto address", () => {
    expect(checkLinkInput("  https://example.com/story  ")).toEqual({ isValid: true, href: "https://example.com/story" });
    expect(checkLinkInput("mailto:tips@example.com")).toEqual({ isValid: true, href: "mailto:tips@example.com" });
  });

  it("completes a bare domain with https and a bare address with mailto", () => {
    expect(checkLinkInput("www.example.com/page")).toEqual({ isValid: true, href: "https://www.example.com/page" });
    expect(checkLinkInput("example.com:8080/live")).toEqual({ isValid: true, href: "https://example.com:8080/live" });
    expect(checkLinkInput("tips@example.com")).toEqual({ isValid: true, href: "mailto:tips@example.com" });
  });

  it("refuses a javascript: link and names the scheme in its message", () => {
    const check = checkLinkInput("javascript:alert(document.cookie)");
    expect(check.isValid).toBe(false);
    if (!check.isValid) expect(check.message).toContain("“javascript:” links are not allowed");
  });

  it("refuses other schemes, nonsense and nothing with a message", () => {
    for (const input of ["data:text/html,hi", "ftp://example.com", "not a link", "", "https://"]) {
      const check = checkLinkInput(input);
      expect(check.isValid, input).toBe(false);
      if (!check.isValid) expect(check.message.length).toBeGreaterThan(10);
    }
  });
});
