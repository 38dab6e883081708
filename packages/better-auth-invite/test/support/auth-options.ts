// What every instance of the suite shares: the roles, their access control, and the options that decide the tables.
import { createHash } from "node:crypto";
import { admin, twoFactor } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";
import { invite } from "../../src/index";

/** The README's roles, lowest to highest: a moderator holds `invite: ["create"]` without being an admin. */
export const ac = createAccessControl({ ...defaultStatements, invite: ["create"] } as const);
export const roles = {
  user: ac.newRole({}),
  moderator: ac.newRole({ invite: ["create"] }),
  admin: ac.newRole({ ...adminAc.statements, invite: ["create"] }),
};
export type Role = keyof typeof roles;

export const adminPlugin = () => admin({ ac, roles, defaultRole: "user", adminRoles: ["admin"] });

/**
 * The options the tables follow (the invite plugin's options do not change its schema here). The twoFactor plugin's
 * table and user field are there for sign-in-methods.test.ts, whose instances sign in with a second factor; the others
 * leave them empty.
 */
export const schemaOptions = { emailAndPassword: { enabled: true }, plugins: [adminPlugin(), twoFactor(), invite()] };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Passwords hashed with one SHA-256 instead of Better Auth's scrypt: a race signs in 30 people on each of six
 * databases, and scrypt's cost (tens of milliseconds of CPU each) would be most of the suite's time on two cores.
 * Signing in still goes through Better Auth's real endpoint; only the hash is cheaper.
 */
export const fastPasswords = {
  hash: async (password: string) => sha256(password),
  verify: async ({ hash, password }: { hash: string; password: string }) => hash === sha256(password),
};
