// The access control of the seed example: the admin plugin's statements plus the right to invite.
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, userAc } from "better-auth/plugins/admin/access";

export const ac = createAccessControl({ ...defaultStatements, invite: ["create"] });

export const user = ac.newRole({ ...userAc.statements });
export const moderator = ac.newRole({ ...userAc.statements, invite: ["create"] });
export const admin = ac.newRole({ ...adminAc.statements, invite: ["create"] });
