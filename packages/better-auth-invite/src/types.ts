import type { User } from "better-auth";
import type { GenericEndpointContext } from "./context";

export type InviteStatus = "pending" | "used" | "canceled" | "rejected";
/** What a reader sees: `expired` is derived from `expiresAt`, never stored. */
export type InviteDisplayStatus = InviteStatus | "expired";
export type InviteTokenType = "token" | "code" | "custom";

/** One row of the `invite` table. */
export type Invitation = {
  id: string;
  tokenHash: string;
  tokenType: InviteTokenType;
  role: string;
  email: string | null;
  /** `email` while the invitation may still be used, else null. Unique: one live invitation per address. */
  activeEmail: string | null;
  /** Kept after the creator's account is deleted (it references no user); the snapshot says who they were. */
  createdByUserId: string;
  createdByName: string;
  createdByEmail: string;
  createdAt: Date;
  expiresAt: Date;
  maxUses: number | null;
  useCount: number;
  /**
   * `maxUses - useCount`, kept in its own column so that accepting can claim a use with one guarded
   * UPDATE by token hash, without reading the row first. Null when `maxUses` is null (unlimited).
   */
  usesLeft: number | null;
  /** `used` is derived from `usesLeft` reaching 0, as `expired` is from `expiresAt`; older rows may still store it. */
  status: InviteStatus;
  redirectToAfterUpgrade: string | null;
  newAccount: boolean;
  /** The creator's data (a JSON object of at most 4 kB): for the creator, admins and hooks, never a token holder. */
  metadata: InviteMetadata | null;
  /** A personal note to the invitee, plain text of at most 500 characters. */
  message: string | null;
  /** Shareable invitations only: the lower-cased domains whose verified addresses may accept it. */
  allowedDomains: string[] | null;
  /** When a reminder is due; null when none is. */
  remindAt: Date | null;
  /** The raw token encrypted with Better Auth's secret, kept only while a reminder is due. Never returned. */
  sealedToken: string | null;
  /**
   * The hash of the link token the last resend replaced, so that the old link can say a newer email replaced it
   * instead of "not found". Null until a resend. Never returned.
   */
  previousTokenHash: string | null;
};

/** What `metadata` holds: any JSON object. */
export type InviteMetadata = Record<string, unknown>;

/** One row of the `inviteUse` table: who took which role through which invitation. */
export type InviteUse = {
  id: string;
  inviteId: string;
  /** Kept after the account is deleted; the snapshot says who it was. */
  usedByUserId: string;
  usedByName: string;
  usedByEmail: string;
  usedAt: Date;
  previousRole: string | null;
  newRole: string;
  /** The invitation's metadata when this use was taken. */
  metadata: InviteMetadata | null;
};

export const INVITE_EVENT_TYPES = [
  "created",
  "emailed",
  "resent",
  "reminded",
  "opened",
  "canceled",
  "restored",
  "rejected",
  "accepted",
  "refused",
] as const;
export type InviteEventType = (typeof INVITE_EVENT_TYPES)[number];

/** One row of the append-only `inviteEvent` table. */
export type InviteEvent = {
  id: string;
  inviteId: string;
  type: InviteEventType;
  /** Null for the system (e.g. a reminder); kept after the account is deleted, beside its snapshot. */
  actorUserId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  at: Date;
  details: Record<string, unknown> | null;
};

/** A user as the plugin sees it: Better Auth's user plus the admin plugin's role. */
export type InviteUser = User & { role?: string | null };

/**
 * Who may do something, in one of three forms: a function, a boolean, or a
 * permission statement checked against the admin plugin's access control
 * (`{ statement: "invite", permissions: ["create"] }`, or
 * `{ permissions: ["create:invite"] }` with the resource after the colon).
 */
export type InvitePermission<Input> =
  boolean | ((input: Input) => boolean | Promise<boolean>) | { statement?: string; permissions: string[] };

export type CanCreateInviteInput = {
  invitedUser: { email?: string; role: string };
  inviterUser: InviteUser;
  ctx: GenericEndpointContext;
};

export type CanAcceptInviteInput = {
  invitedUser: InviteUser;
  invitation: Invitation;
  ctx: GenericEndpointContext;
};

export type CanCancelInviteInput = {
  inviterUser: InviteUser;
  invitation: Invitation;
  ctx: GenericEndpointContext;
};

export type SendUserInvitationInput = {
  email: string;
  name?: string;
  role: string;
  /** The link to open: it keeps the token in a cookie and leads to the app's accept page. */
  url: string;
  token: string;
  /** True when no account had this email when the invite was made: a sign-up, not an upgrade. */
  newAccount: boolean;
  invitation: Invitation;
  inviter: InviteUser;
  /** The invitation's metadata, for the email's own use (a team name, a source…). */
  metadata: InviteMetadata | null;
  /** The creator's personal note, plain text: escape it wherever it is shown. */
  message: string | null;
  /** True for the one reminder of a still-pending invitation (same link, sent after `remindAfter`). */
  reminder: boolean;
};

/** What `beforeAcceptInvite` may return: changes to the accepting user, its role included. */
export type BeforeAcceptInviteResult = { user?: Partial<InviteUser> & Record<string, unknown> };

export type InviteHooks = {
  /** Runs after the permission checks; throw an APIError to refuse. */
  beforeCreateInvite?: (input: {
    invitation: Omit<Invitation, "id">;
    inviterUser: InviteUser;
    ctx: GenericEndpointContext;
  }) => Promise<void> | void;
  afterCreateInvite?: (input: { invitation: Invitation; inviterUser: InviteUser; ctx: GenericEndpointContext }) => Promise<void> | void;
  /**
   * Runs after every check, before the use is spent. Throw to refuse; return `{ user }` to change the user in
   * the same transaction that grants the role. A `role` in it is granted instead of the invitation's
   * (`{ user: { ...invitedUser, role: "moderator" } }`), under the invitation's own rules: the role must exist,
   * the invitation's creator must be able to grant it now, and it never lowers the user's role. The use and its
   * event record it as the role granted. The user's `id` is never changed.
   */
  beforeAcceptInvite?: (input: {
    invitation: Invitation;
    invitedUser: InviteUser;
    ctx: GenericEndpointContext;
  }) => Promise<BeforeAcceptInviteResult | void> | BeforeAcceptInviteResult | void;
  afterAcceptInvite?: (input: {
    invitation: Invitation;
    invitedUser: InviteUser;
    use: InviteUse;
    ctx: GenericEndpointContext;
  }) => Promise<void> | void;
  beforeCancelInvite?: (input: { invitation: Invitation; cancelingUser: InviteUser; ctx: GenericEndpointContext }) => Promise<void> | void;
  afterCancelInvite?: (input: { invitation: Invitation; cancelingUser: InviteUser; ctx: GenericEndpointContext }) => Promise<void> | void;
  /** Runs after the checks of a resend, before the new token is written; throw an APIError to refuse. */
  beforeResendInvite?: (input: { invitation: Invitation; resendingUser: InviteUser; ctx: GenericEndpointContext }) => Promise<void> | void;
  /** Runs once the new token is written and emailed; `invitation` is the renewed one. */
  afterResendInvite?: (input: { invitation: Invitation; resendingUser: InviteUser; ctx: GenericEndpointContext }) => Promise<void> | void;
  /** Runs after the checks of a decline (POST /invite/reject), before the status changes; throw an APIError to refuse. */
  beforeRejectInvite?: (input: { invitation: Invitation; invitedUser: InviteUser; ctx: GenericEndpointContext }) => Promise<void> | void;
  /** Runs once the invitation is declined. */
  afterRejectInvite?: (input: { invitation: Invitation; invitedUser: InviteUser; ctx: GenericEndpointContext }) => Promise<void> | void;
};

export type InviteOptions = {
  /** Who may grant which role. Default: users with one of the admin plugin's `adminRoles`. */
  canCreateInvite?: InvitePermission<CanCreateInviteInput>;
  /** Who may accept. Default: anyone the invitation allows (email binding still applies). */
  canAcceptInvite?: InvitePermission<CanAcceptInviteInput>;
  /** Who may cancel (and resend). Default: the invitation's creator or an admin. */
  canCancelInvite?: InvitePermission<CanCancelInviteInput>;
  /**
   * Roles from lowest to highest. Nobody may grant a role above their own, and
   * accepting never lowers a role. Default: the admin plugin's roles, in the
   * order they are declared. `false` turns both rules off.
   */
  roleHierarchy?: string[] | false;
  /** Default: "token" (a 256-bit link token). */
  defaultTokenType?: InviteTokenType;
  /** Makes the token for "custom"; it is hashed like the others. */
  generateToken?: () => string;
  /** Seconds until an invitation expires. Default: 7 days. */
  invitationTokenExpiresIn?: number;
  /** Uses before an invitation is spent; `null` for unlimited. Default: 1. */
  defaultMaxUses?: number | null;
  /** Where the invitee goes after accepting: a relative path or a trusted origin. Default: "/". */
  defaultRedirectAfterUpgrade?: string;
  /** The app's page that shows an invitation; `{token}` is replaced. Default: "/invite/{token}". */
  acceptPageURL?: string;
  /** When true, sign-up needs a valid invitation, carried by the invite cookie. */
  inviteOnly?: boolean;
  /** Sends a private invitation. Required for invitations with an email. */
  sendUserInvitation?: (input: SendUserInvitationInput, request?: Request) => Promise<void>;
  inviteHooks?: InviteHooks;
  /**
   * The most invitations one inviter may hold pending at once (usable: not expired, uses left). A number, or a function
   * of the inviter (asked at each invitation made, and by GET /invite/quota). Over it, create and each address of
   * create-many answer INVITATION_LIMIT_REACHED (403). Default: no limit.
   */
  invitationLimit?: number | ((inviter: InviteUser, ctx: GenericEndpointContext) => number | Promise<number>);
  /**
   * Seconds after which a private invitation that was emailed and is still pending gets one reminder, with the same
   * link (`auth.api.sendInviteReminders`, run by a schedule). `false`: never. Default: 3 days.
   */
  remindAfter?: number | false;
  /**
   * Seconds after a cancel during which `POST /invite/restore` may undo it (an Undo beside "Invitation revoked").
   * The cancel takes effect at once; a restore is a new event, never the cancel's removal. `0`: never. Default: 120.
   */
  restoreWindow?: number;
  /** Per client address, for the invite paths. Default: create and resend 20 per 60 s; accept and look-ups 10 per 60 s. */
  rateLimit?: { window: number; max: number };
  /**
   * Per client address, the invitations that may be sent: each create and resend request, and each address of a
   * create-many, counts one. Lets an app raise what an inviter may send (a list of 100 addresses) without raising
   * the look-up limit with it. Default: `rateLimit` when given, else 20 per 60 s.
   */
  sendRateLimit?: { window: number; max: number };
  /**
   * Look-ups of codes (and of custom tokens under 32 characters) allowed per window for the whole app, whatever
   * address they come from: what makes guessing codes hopeless for an attacker with many addresses. Default: 600 per 60 s.
   */
  guessBudget?: { window: number; max: number };
  /** Rename tables and fields, as other Better Auth plugins allow. */
  schema?: {
    invite?: { modelName?: string; fields?: Partial<Record<keyof Omit<Invitation, "id">, string>> };
    inviteUse?: { modelName?: string; fields?: Partial<Record<keyof Omit<InviteUse, "id">, string>> };
    inviteEvent?: { modelName?: string; fields?: Partial<Record<keyof Omit<InviteEvent, "id">, string>> };
  };
};
