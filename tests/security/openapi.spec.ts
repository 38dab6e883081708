import { expect, test } from "./support/fixtures";

/**
 * Better Auth's openAPI() plugin documents every route, admin ones included. The app mounts it in development only
 * (lib/auth/server.ts); the suite's server runs as production does, where neither the reference nor its JSON exists.
 */
test.describe("the API reference in production", () => {
  test("is not served, to a stranger or to an admin: the reference page and its JSON answer 404", async ({ client, admin }) => {
    for (const [who, caller] of [
      ["stranger", client],
      ["admin", admin],
    ] as const) {
      for (const path of ["/reference", "/open-api/generate-schema"]) {
        const response = await caller.api(path);
        const text = await response.text();
        expect(response.status, `${who} ${path}`).toBe(404);
        expect(text, `${who} ${path}`).not.toContain("openapi");
        expect(text, `${who} ${path}`).not.toContain("/invite/create");
      }
    }
  });
});
