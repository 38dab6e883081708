import { beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../support/app";
import { json, type TestUser } from "../support/users";
import { startAppWithAdmin } from "../support/invites";

// PostgreSQL refuses a NUL byte in text (a 500 if it got that far); a lone surrogate would be stored as U+FFFD.
const unstorable = [
  { label: "a NUL byte", value: "a\u0000b" },
  { label: "a lone surrogate", value: "a\ud800b" },
];

describe("text the database cannot keep as sent", () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ app, admin } = await startAppWithAdmin());
  });

  const bodies: { path: string; body: Record<string, string>; fields: string[] }[] = [
    { path: "/invite/create", body: { role: "user" }, fields: ["role", "email", "redirectToAfterUpgrade"] },
    { path: "/invite/accept", body: { token: "t" }, fields: ["token"] },
    { path: "/invite/activate", body: { token: "t" }, fields: ["token", "callbackURL"] },
    { path: "/invite/reject", body: { token: "t" }, fields: ["token"] },
    { path: "/invite/cancel", body: { id: "i" }, fields: ["id"] },
    { path: "/invite/resend", body: { id: "i" }, fields: ["id"] },
  ];

  for (const { label, value } of unstorable) {
    it(`${label} in any text field of a POST is refused with 400 VALIDATION_ERROR`, async () => {
      for (const { path, body, fields } of bodies) {
        for (const field of fields) {
          const answer = await json(await app.request(path, { body: { ...body, [field]: value }, jar: admin.jar }));
          expect(answer, `${path} ${field}`).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
        }
      }
    });
  }

  // A query cannot carry a lone surrogate: URL decoding turns one into U+FFFD.
  it("a NUL byte in a query is refused with 400 VALIDATION_ERROR", async () => {
    for (const query of ["/invite/get?token=", "/invite/list?role=", "/invite/list?email="]) {
      const answer = await json(await app.request(`${query}a%00b`, { jar: admin.jar }));
      expect(answer, query).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
    }
  });
});
