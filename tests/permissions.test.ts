import { describe, expect, it } from "vitest";
import { abilitiesOf, defaultRole, roleNames, roles } from "@/lib/auth/permissions";

describe("roles", () => {
  it("are declared from lowest to highest, as the invite plugin reads the hierarchy", () => {
    expect(Object.keys(roles)).toEqual([...roleNames]);
    expect(roleNames).toEqual(["user", "moderator", "admin"]);
    expect(defaultRole).toBe("user");
  });

  it("let a user read and update its profile, and nothing more", () => {
    expect(roles.user.authorize({ profile: ["read", "update"] }).success).toBe(true);
    expect(roles.user.authorize({ post: ["update"] }).success).toBe(false);
    expect(roles.user.authorize({ invite: ["create"] }).success).toBe(false);
    expect(roles.user.authorize({ outbox: ["read"] }).success).toBe(false);
  });

  it("make a moderator a user that also reads and updates any post, but cannot delete or invite", () => {
    expect(roles.moderator.authorize({ profile: ["read", "update"], post: ["read", "update"] }).success).toBe(true);
    expect(roles.moderator.authorize({ post: ["delete"] }).success).toBe(false);
    expect(roles.moderator.authorize({ invite: ["create"] }).success).toBe(false);
    expect(roles.moderator.authorize({ user: ["set-role"] }).success).toBe(false);
    expect(roles.moderator.authorize({ outbox: ["read"] }).success).toBe(false);
  });

  it("make an admin a moderator that also creates invites, deletes posts and updates roles", () => {
    expect(
      roles.admin.authorize({
        profile: ["read", "update"],
        post: ["read", "update", "delete"],
        invite: ["create"],
        user: ["set-role"],
        outbox: ["read"],
      }).success,
    ).toBe(true);
  });

  it("describe each role's abilities from its statements", () => {
    expect(abilitiesOf("user")).toEqual(["View and update your own profile"]);
    expect(abilitiesOf("moderator")).toContain("Read and edit any post");
    expect(abilitiesOf("moderator")).not.toContain("Delete posts");
    expect(abilitiesOf("admin")).toEqual(
      expect.arrayContaining(["Delete posts", "Invite people and grant them roles", "Change users' roles"]),
    );
  });
});
