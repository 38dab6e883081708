// The calls under load. Each `next()` builds one request; the writing calls never repeat a (user, invitation) pair.
import { INVITES_PER_MEMBER_ORGANIZATION, USER_COUNT, type Fixture, type HttpFixture } from "./seed";

export type Call = {
  method: "GET" | "POST";
  path: string;
  cookie?: string;
  body?: unknown;
  /** Which instance of the load target signed the cookie's session in, where that is known (the two-instance run). */
  sessionFrom?: number;
};

export type ScenarioId =
  "session" | "invite.get" | "invite.list" | "invite.create" | "invite.accept" | "org.get" | "org.list" | "org.create" | "org.accept";

/** `next(instance)` builds the next request for the instance (the index of its URL in the load target) that will answer it. */
export type Scenario = { id: ScenarioId; label: string; next: (instance: number) => Call };

/** The invite plugin's calls and the organization plugin's calls that do the same job. */
export const ORG_EQUIVALENT = {
  "invite.get": "org.get",
  "invite.list": "org.list",
  "invite.create": "org.create",
  "invite.accept": "org.accept",
} as const satisfies Partial<Record<ScenarioId, ScenarioId>>;

/**
 * Where each rotation stands. Shared by every server of a database row: the
 * app's accepts continue on the next server with pairs nobody used.
 */
export type Cursors = Record<"session" | "invite.get" | "invite.accept" | "org.get" | "org.create" | "org.accept", number>;

export function newCursors(): Cursors {
  return { session: 0, "invite.get": 0, "invite.accept": 0, "org.get": 0, "org.create": 0, "org.accept": 0 };
}

const at = <T>(items: T[], index: number): T => items[index % items.length]!;

export function inviteScenarios(fixture: HttpFixture, cursors: Cursors): Record<Exclude<ScenarioId, `org.${string}`>, Scenario> {
  const { admin, users, acceptTokens } = fixture;
  return {
    session: {
      id: "session",
      label: "Better Auth session read (GET /get-session)",
      next: () => ({ method: "GET", path: "/api/auth/get-session", cookie: at(users, cursors.session++).cookie }),
    },
    "invite.get": {
      id: "invite.get",
      label: "invite look-up, no cookie (GET /invite/get)",
      next: () => ({ method: "GET", path: `/api/auth/invite/get?token=${encodeURIComponent(at(acceptTokens, cursors["invite.get"]++))}` }),
    },
    "invite.list": {
      id: "invite.list",
      label: "invite list, 20 of 100,000 (GET /invite/list?limit=20)",
      next: () => ({ method: "GET", path: "/api/auth/invite/list?limit=20", cookie: admin.cookie }),
    },
    "invite.create": {
      id: "invite.create",
      label: "create a shareable invite (POST /invite/create)",
      next: () => ({ method: "POST", path: "/api/auth/invite/create", cookie: admin.cookie, body: { role: "user" } }),
    },
    "invite.accept": {
      id: "invite.accept",
      label: "accept, each request another user (POST /invite/accept)",
      next: () => {
        // Request j: user j mod 120 on invite ⌊j / 120⌋, so no pair repeats while invites last.
        const j = cursors["invite.accept"]++;
        return {
          method: "POST",
          path: "/api/auth/invite/accept",
          cookie: at(users, j).cookie,
          body: { token: at(acceptTokens, Math.floor(j / USER_COUNT)) },
        };
      },
    },
  };
}

export function organizationScenarios(fixture: Fixture, cursors: Cursors): Record<Extract<ScenarioId, `org.${string}`>, Scenario> {
  const { admin, users, organizations } = fixture;
  return {
    "org.get": {
      id: "org.get",
      label: "organization get-invitation, as its recipient (GET /organization/get-invitation)",
      next: () => {
        const j = cursors["org.get"]++;
        return {
          method: "GET",
          path: `/api/auth/organization/get-invitation?id=${at(organizations.getInvitationIds, j)}`,
          cookie: at(users, j).cookie,
        };
      },
    },
    "org.list": {
      id: "org.list",
      label: "organization list-invitations, 20 of 100,000 (GET /organization/list-invitations)",
      next: () => ({
        method: "GET",
        path: `/api/auth/organization/list-invitations?organizationId=${organizations.listOrganizationId}`,
        cookie: admin.cookie,
      }),
    },
    "org.create": {
      id: "org.create",
      label: "organization invite-member (POST /organization/invite-member)",
      next: () => {
        // A new address each time; each organization takes 90 before the next one, under the plugin's limit of 100 pending.
        const j = cursors["org.create"]++;
        const organizationId = at(organizations.inviteMemberOrganizationIds, Math.floor(j / INVITES_PER_MEMBER_ORGANIZATION));
        return {
          method: "POST",
          path: "/api/auth/organization/invite-member",
          cookie: admin.cookie,
          body: { email: `invitee-${j}@bench.example`, role: "member", organizationId },
        };
      },
    },
    "org.accept": {
      id: "org.accept",
      label: "organization accept-invitation, each request another user (POST /organization/accept-invitation)",
      next: () => {
        const j = cursors["org.accept"]++;
        const organization = at(organizations.acceptInvitationIds, Math.floor(j / USER_COUNT));
        return {
          method: "POST",
          path: "/api/auth/organization/accept-invitation",
          cookie: at(users, j).cookie,
          body: { invitationId: at(organization, j) },
        };
      },
    },
  };
}
