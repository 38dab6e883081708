import { expect, test } from "vitest";
import { INVITE_ERROR_CODES, invite } from "../src/index";

test("the package's entry exports the plugin and its error codes", () => {
  expect(invite().id).toBe("invite");
  expect(INVITE_ERROR_CODES.INSUFFICIENT_PERMISSIONS.code).toBe("INSUFFICIENT_PERMISSIONS");
});
