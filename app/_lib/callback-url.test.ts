import { describe, expect, it } from "vitest";
import { loginUrl, pathWithQuery, safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site, with its query and hash", () => {
    expect(safeCallbackUrl("/articles/abc")).toBe("/articles/abc");
    expect(safeCallbackUrl("/?status=draft&q=bus#list")).toBe("/?status=draft&q=bus#list");
  });

  it.each([
    ["an absolute URL", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/path"],
    ["a backslash trick", "/\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path without a slash", "articles/abc"],
    ["a newline smuggled in", "/ok\n//evil.example"],
    ["the sign-in page itself", "/login?callbackUrl=%2F"],
    ["nothing", undefined],
    ["an empty string", ""],
  ])("refuses %s", (_label, value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("takes the first of repeated query values", () => {
    expect(safeCallbackUrl(["/admin/users", "https://evil.example"])).toBe("/admin/users");
  });
});

describe("loginUrl", () => {
  it("remembers where to come back to, and says nothing for the dashboard", () => {
    expect(loginUrl("/admin/audit?before=40")).toBe("/login?callbackUrl=%2Fadmin%2Faudit%3Fbefore%3D40");
    expect(loginUrl("/")).toBe("/login");
    expect(loginUrl("https://evil.example")).toBe("/login");
  });
});

describe("pathWithQuery", () => {
  it("rebuilds a page's URL from its search params", () => {
    expect(pathWithQuery("/", { status: "draft", q: "night bus", empty: undefined })).toBe("/?status=draft&q=night+bus");
    expect(pathWithQuery("/admin/audit", { before: ["40", "20"] })).toBe("/admin/audit?before=40&before=20");
    expect(pathWithQuery("/admin/users", {})).toBe("/admin/users");
  });
});
