import { describe, expect, it } from "vitest";
import { headerSafeTarget, safeRedirectPath } from "@/lib/http/safe-redirect";

describe("safeRedirectPath", () => {
  it.each(["/dashboard", "/invite/abc?x=1#y", "/", "/%E2%88%95x"])("keeps the same-site path %s", (path) => {
    expect(safeRedirectPath(path, "/fallback")).toBe(path);
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "dashboard",
    "/dash\nboard",
    "/a\\b",
    "/a\u0085b",
    "/\ud800x",
    "/x\udc00",
    `/${"a".repeat(2048)}`,
    `/${"∕".repeat(300)}`,
    "",
    undefined,
    ["/dashboard"],
  ])("refuses %j", (value) => {
    expect(safeRedirectPath(value, "/fallback")).toBe("/fallback");
  });

  // A Location header carries Latin-1 at most: Next answered `/∕x` (U+2215) with a 500.
  it.each([
    ["/∕∕evil.example", "/%E2%88%95%E2%88%95evil.example"],
    ["/∕x", "/%E2%88%95x"],
    ["/dashboard?greeting=€&name=Zoë", "/dashboard?greeting=%E2%82%AC&name=Zo%C3%AB"],
    ["/invite/🙂#☃", "/invite/%F0%9F%99%82#%E2%98%83"],
  ])("percent-encodes %j as UTF-8, a target on this site every header can carry", (path, encoded) => {
    const target = safeRedirectPath(path, "/fallback");
    expect(target).toBe(encoded);
    expect(() => new Headers({ location: target })).not.toThrow();
    expect(new URL(target, "https://app.example").origin).toBe("https://app.example");
  });

  it("gives the same target when it is encoded twice", () => {
    const once = safeRedirectPath("/∕x?q=é", "/fallback");
    expect(safeRedirectPath(once, "/fallback")).toBe(once);
  });
});

describe("headerSafeTarget", () => {
  it("percent-encodes non-ASCII in any URL, and leaves ASCII alone", () => {
    expect(headerSafeTarget("https://app.example/café?a=1%20b")).toBe("https://app.example/caf%C3%A9?a=1%20b");
  });

  it.each(["https://app.example/\r\nx", "/a\tb", "/a\u009bb", "/\ud800"])("refuses %j, which no header can carry as it is", (value) => {
    expect(headerSafeTarget(value)).toBeNull();
  });
});
