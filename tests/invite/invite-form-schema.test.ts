import { describe, expect, it } from "vitest";
import { createInviteSchema } from "@/lib/validations/invite";

/** The invite form's fields as the browser posts them: strings, a ticked checkbox as "on", nothing for an unticked one. */
const parse = (form: Record<string, string>) =>
  createInviteSchema.safeParse({ role: "user", audience: form.email ? "person" : "anyone", ...form });
const errorsOf = (form: Record<string, string>) => {
  const parsed = parse(form);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("the invite form's schema", () => {
  it("asks who the invitation is for instead of reading an empty Email as a shareable link (issue 16, defect 11)", () => {
    expect(errorsOf({ audience: "person" })).toEqual({ email: "Enter the address to invite, or choose “Anyone with the link”." });
    expect(errorsOf({ audience: "anyone", email: "ada@example.com" })).toEqual({
      email: "A shareable link is for anyone: clear Email, or choose “One person”.",
    });
    expect(errorsOf({ audience: "everyone" })).toEqual({ audience: "Choose who the invitation is for." });
    expect(parse({ audience: "anyone" }).success).toBe(true);
  });

  it("reads the domains as the plugin keeps them: split on commas, spaces or semicolons, lower-cased, without @, once each", () => {
    expect(parse({ allowedDomains: " Example.com, @team.example.org;example.com  xn--bcher-kva.example " }).data?.allowedDomains).toEqual([
      "example.com",
      "team.example.org",
      "xn--bcher-kva.example",
    ]);
    for (const blank of ["", "   ", " , ;"]) expect(parse({ allowedDomains: blank }).data?.allowedDomains).toBeUndefined();
  });

  it("names each entry that is not a domain, and refuses more than 20", () => {
    expect(errorsOf({ allowedDomains: "example.com, localhost, ada@example.com" })).toEqual({
      allowedDomains: "“localhost”, “ada@example.com” are not domain names: write each like example.com.",
    });
    expect(errorsOf({ allowedDomains: "exa_mple.com" }).allowedDomains).toBe(
      "“exa_mple.com” is not a domain name: write each like example.com.",
    );
    const many = Array.from({ length: 21 }, (_, index) => `d${index}.example`).join(",");
    expect(errorsOf({ allowedDomains: many })).toEqual({ allowedDomains: "List at most 20 domains." });
  });

  it("refuses domains beside an email: an invitation to one address names who may take it", () => {
    expect(errorsOf({ email: "ada@example.com", allowedDomains: "example.com" })).toEqual({
      allowedDomains: "Domains are for a shareable link: leave this empty when you invite one address.",
    });
  });

  it("keeps the message's line breaks as \\n (a textarea posts \\r\\n) and counts 500 characters after trimming", () => {
    const longest = `${"a".repeat(249)}\r\n${"b".repeat(250)}`;
    expect(parse({ message: `  ${longest}\r\n ` }).data?.message).toBe(`${"a".repeat(249)}\n${"b".repeat(250)}`);
    expect(errorsOf({ message: "a".repeat(501) })).toEqual({ message: "Keep the message to 500 characters." });
    expect(parse({ message: "  \r\n " }).data?.message).toBeUndefined();
    expect(errorsOf({ message: "nul\u0000" }).message).toBeDefined();
  });

  it("reads the copy-link checkbox as ticked only when the browser posts it", () => {
    expect(parse({ email: "ada@example.com", copyLink: "on" }).data?.copyLink).toBe(true);
    expect(parse({ email: "ada@example.com" }).data?.copyLink).toBe(false);
  });
});
