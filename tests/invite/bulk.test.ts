import { beforeAll, describe, expect, it } from "vitest";
import { grantableRoles } from "@/lib/auth/permissions";
import {
  type BulkEntry,
  bulkSummary,
  chunkEntries,
  csvEntries,
  csvFileProblem,
  entriesAsCsv,
  judgeEntries,
  listSizeProblem,
  pastedEntries,
} from "@/lib/invitations/bulk-list";
import { parseCsv } from "@/lib/invitations/csv";
import { sendBulkInvitations } from "@/lib/invitations/bulk-send";
import { MAX_CSV_BYTES } from "@/lib/invitations/limits";
import { type TestApp, uniqueEmail } from "../support/app";
import { outboxFor, startAppWithAdmin } from "../support/invites";
import { json, signedInUser, type TestUser } from "../support/users";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and skips a byte order mark", () => {
    const text = '\uFEFFemail,name\r\n"ada@example.com","Lovelace, Ada"\n"q@example.com","say ""hi"""\r\n"x@example.com","two\nlines"\n';
    expect(parseCsv(text)).toEqual({
      records: [
        ["email", "name"],
        ["ada@example.com", "Lovelace, Ada"],
        ["q@example.com", 'say "hi"'],
        ["x@example.com", "two\nlines"],
      ],
    });
  });

  it("says which row holds a quote that is never closed", () => {
    expect(parseCsv('email\na@example.com\n"b@example.com\n')).toEqual({ error: expect.stringMatching(/row 3/) });
  });

  it("reads back what entriesAsCsv writes, awkward addresses and roles included", () => {
    const entries: BulkEntry[] = [
      { email: 'odd,"one"@example.com', role: "user" },
      { email: " padded@example.com ", role: "moderator" },
    ];
    expect(csvEntries(entriesAsCsv(entries), "user")).toEqual({
      entries: [
        { row: 2, email: 'odd,"one"@example.com', role: "user" },
        { row: 3, email: "padded@example.com", role: "moderator" },
      ],
    });
  });
});

describe("csvEntries", () => {
  it("finds the email and role columns by name, in any case and order, and gives a row without a role the form's", () => {
    const text = "Name, ROLE ,E-mail,Email\nAda,moderator,x,ada@example.com\n\nGrace,,y,grace@example.com\n";
    expect(csvEntries(text, "user")).toEqual({
      entries: [
        { row: 2, email: "ada@example.com", role: "moderator" },
        { row: 4, email: "grace@example.com", role: "user" },
      ],
    });
  });

  it("takes a file with no role column, all at the form's role", () => {
    expect(csvEntries("email\na@example.com\nb@example.com", "moderator")).toEqual({
      entries: [
        { row: 2, email: "a@example.com", role: "moderator" },
        { row: 3, email: "b@example.com", role: "moderator" },
      ],
    });
  });

  it("refuses a file without an email column, or without a row under its header, in words", () => {
    expect(csvEntries("address,role\na@example.com,user", "user")).toEqual({ error: expect.stringContaining('"email" column') });
    expect(csvEntries("a@example.com\nb@example.com", "user")).toEqual({ error: expect.stringContaining('"email" column') });
    expect(csvEntries("email,role\n\n", "user")).toEqual({ error: expect.stringContaining("no address") });
    expect(csvEntries("", "user")).toEqual({ error: expect.stringContaining('"email" column') });
  });

  it("refuses a file over the size limit before reading it, and a list over 100 addresses", () => {
    expect(csvFileProblem({ size: MAX_CSV_BYTES })).toBeNull();
    expect(csvFileProblem({ size: MAX_CSV_BYTES + 1 })).toMatch(/too large/);
    const many = pastedEntries(Array.from({ length: 101 }, (_, index) => `p${index}@example.com`).join("\n"), "user");
    expect(listSizeProblem(many)).toMatch(/101 addresses: send at most 100/);
    expect(listSizeProblem(many.slice(0, 100))).toBeNull();
    expect(listSizeProblem([])).toMatch(/at least one/);
  });
});

describe("judgeEntries", () => {
  it("refuses, row by row, no address, a role that does not exist, a role above the admin's, and an address given again", () => {
    const entries: BulkEntry[] = [
      { row: 2, email: "ok@example.com", role: "Moderator" },
      { row: 3, email: "", role: "user" },
      { row: 4, email: "boss@example.com", role: "superadmin" },
      { row: 5, email: "high@example.com", role: "admin" },
      { row: 6, email: " OK@example.com", role: "user" },
    ];
    expect(judgeEntries(entries, ["user", "moderator"])).toEqual([
      { row: 2, email: "ok@example.com", role: "moderator" },
      { row: 3, email: "", role: "user", refusal: { message: "This row has no email address." } },
      {
        row: 4,
        email: "boss@example.com",
        role: "superadmin",
        refusal: { message: '"superadmin" is not a role: use one of user, moderator, admin.' },
      },
      { row: 5, email: "high@example.com", role: "admin", refusal: { code: "ROLE_ABOVE_INVITER" } },
      { row: 6, email: " OK@example.com", role: "user", refusal: { code: "DUPLICATE_EMAIL" } },
    ]);
  });

  it("lets an admin grant every role, and nobody a role above their highest", () => {
    expect(grantableRoles({ role: "admin" })).toEqual(["user", "moderator", "admin"]);
    expect(grantableRoles({ role: "user,moderator" })).toEqual(["user", "moderator"]);
    expect(grantableRoles({ role: "stranger" })).toEqual([]);
  });
});

describe("chunkEntries", () => {
  it("splits 100 addresses into parts of at most 10, one role to a part, that cover every entry once", () => {
    const roles = ["user", "moderator", "admin"];
    const entries = Array.from({ length: 100 }, (_, index) => ({
      row: index + 2,
      email: `c${index}@example.com`,
      role: roles[index % 3] ?? "",
    }));
    const chunks = chunkEntries(entries);
    for (const chunk of chunks) {
      expect(chunk.entries.length).toBeLessThanOrEqual(10);
      expect(new Set(chunk.entries.map((entry) => entry.role)).size).toBe(1);
      expect(chunk.entries).toEqual(chunk.at.map((at) => entries[at]));
    }
    expect(chunks.flatMap((chunk) => chunk.at).sort((a, b) => a - b)).toEqual(entries.map((_, index) => index));
    // Lowest role first, each role's addresses in the file's order.
    expect(chunks[0]?.entries.map((entry) => entry.email).slice(0, 3)).toEqual(["c0@example.com", "c3@example.com", "c6@example.com"]);
  });

  it("keeps an address given twice in the part of its first row, whatever role the second names", () => {
    const entries = [
      ...Array.from({ length: 9 }, (_, index) => ({ email: `fill${index}@example.com`, role: "user" })),
      { email: "twice@example.com", role: "user" },
      { email: "TWICE@example.com", role: "admin" },
      { email: "last@example.com", role: "user" },
    ];
    const withTwice = chunkEntries(entries).find((chunk) => chunk.at.includes(9));
    expect(withTwice?.at).toEqual(expect.arrayContaining([9, 10]));
  });
});

describe("bulkSummary", () => {
  it("counts every address given, and says how many were given twice (issue 16, defect 12)", () => {
    expect(bulkSummary([{ ok: true }, { ok: false }, { ok: false, duplicate: true }], "moderator")).toBe(
      "1 of 3 addresses invited with Moderator role. 1 address was given twice (letter case aside) and got no second invitation.",
    );
    expect(bulkSummary([{ ok: true }])).toBe("1 of 1 address invited.");
  });
});

describe("sendBulkInvitations", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const headersOf = (user: TestUser) => new Headers({ cookie: user.jar.header() });

  it("invites each entry at its role through create-many, and says of the others why, in the list's order", async () => {
    const moderator = await signedInUser(app, { role: "moderator" });
    const [a, b, c] = [uniqueEmail("bulk-a"), uniqueEmail("bulk-b"), uniqueEmail("bulk-c")];
    const read = csvEntries(
      [
        "email,role",
        `${a},moderator`,
        `${b},`,
        `not-an-address,user`,
        `${a.toUpperCase()},admin`,
        `${moderator.email},moderator`,
        `${c},owner`,
        `${c},admin`,
      ].join("\n"),
      "user",
    );
    if ("error" in read) throw new Error(read.error);
    const outcomes = await sendBulkInvitations(read.entries, { grantable: grantableRoles({ role: "admin" }), headers: headersOf(admin) });
    expect(outcomes.map((outcome) => [outcome.entry.row, outcome.refusal])).toEqual([
      [2, null],
      [3, null],
      [4, { code: "INVALID_EMAIL" }],
      [5, { code: "DUPLICATE_EMAIL" }],
      [6, { code: "ALREADY_HAS_ROLE" }],
      [7, { message: '"owner" is not a role: use one of user, moderator, admin.' }],
      [8, null],
    ]);
    const { body } = await json(await app.request("/invite/list?limit=100", { jar: admin.jar }));
    const roleFor = (email: string) => body.invitations.find((invitation: { email: string }) => invitation.email === email)?.role;
    expect([roleFor(a), roleFor(b), roleFor(c)]).toEqual(["moderator", "user", "admin"]);
    expect((await outboxFor(b)).emails).toHaveLength(1);
  });

  it("refuses a role above the admin's on its row, sending nothing for it", async () => {
    const email = uniqueEmail("bulk-above");
    const outcomes = await sendBulkInvitations([{ row: 2, email, role: "admin" }], {
      grantable: ["user", "moderator"],
      headers: headersOf(admin),
    });
    expect(outcomes[0]?.refusal).toEqual({ code: "ROLE_ABOVE_INVITER" });
    expect((await outboxFor(email)).emails).toHaveLength(0);
  });

  it("refuses every entry of a call the plugin refuses whole (no permission to invite), with its code", async () => {
    const user = await signedInUser(app, { role: "user" });
    const outcomes = await sendBulkInvitations([{ email: uniqueEmail("nope"), role: "user" }], {
      grantable: ["user"],
      headers: headersOf(user),
    });
    expect(outcomes[0]?.refusal).toEqual({ code: "INSUFFICIENT_PERMISSIONS" });
  });

  it("leaves the admin's quota lower by the invitations sent", async () => {
    const fresh = await signedInUser(app, { role: "admin" });
    const before = await app.auth.api.getInviteQuota({ headers: headersOf(fresh) });
    expect(before).toEqual({ limit: 500, pending: 0, remaining: 500 });
    await sendBulkInvitations(pastedEntries(`${uniqueEmail("q1")}, ${uniqueEmail("q2")}`, "user"), {
      grantable: ["user"],
      headers: headersOf(fresh),
    });
    expect(await app.auth.api.getInviteQuota({ headers: headersOf(fresh) })).toEqual({ limit: 500, pending: 2, remaining: 498 });
  });
});
