import type { Metadata } from "next";
import Link from "next/link";
import { ResendVerification } from "@/components/auth/resend-verification";
import { InvitationNote } from "@/components/invite/invitation-note";
import { SocialSignIn } from "@/components/auth/social-sign-in";
import { InviteCodeForm } from "@/components/invite/invite-code-form";
import { InviteResponseForm } from "@/components/invite/invite-response-form";
import { SignOutButton } from "@/components/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { messageForCode, messageForSignInError, tooManyAttemptsMessage } from "@/lib/errors/messages";
import { getEnv } from "@/lib/env";
import { signInProvidersOf } from "@/lib/auth/sign-in-providers";
import { lookUpInvitation } from "@/lib/invitations/look-up";
import { isRoleName, roleLabels } from "@/lib/auth/permissions";
import { getSession } from "@/lib/auth/session";
import { domainAllowed, looksLikeCode } from "@invite-kit/better-auth";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

const statusMessages: Record<string, string> = {
  expired: messageForCode("INVITE_EXPIRED"),
  canceled: messageForCode("INVITE_CANCELED"),
  rejected: "This invitation was declined.",
  used: messageForCode("NO_USES_LEFT_FOR_INVITE"),
};

const statusTitles: Record<string, string> = {
  expired: "Invitation expired",
  canceled: "Invitation revoked",
  rejected: "Invitation declined",
  used: "No uses left",
};

const eitherOf = new Intl.ListFormat("en", { type: "disjunction" });

/** The accept page: it only reads. Accepting and declining are POSTs from its forms. */
export default async function InvitePage({ params, searchParams }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  // A sign-in through a provider whose invitation was refused comes back here with the code (the invite plugin's redirect).
  const refusal = messageForSignInError((await searchParams).error);
  const [lookup, session] = await Promise.all([lookUpInvitation(token), getSession()]);
  const here = `/invite/${encodeURIComponent(token)}`;

  if ("code" in lookup) {
    const { retryAfter } = lookup;
    if (retryAfter === undefined && lookup.code === "INVALID_TOKEN" && looksLikeCode(token)) {
      // A mistyped code: the field again, with the code as typed, not a dead end.
      return (
        <InviteFrame title="Code not recognised">
          <InviteCodeForm code={token} refused={messageForCode(lookup.code)} />
        </InviteFrame>
      );
    }
    return (
      <InviteFrame
        title={
          retryAfter !== undefined
            ? "Too many attempts"
            : lookup.code === "INVITER_NOT_ALLOWED"
              ? "Invitation no longer valid"
              : lookup.code === "INVITE_LINK_REPLACED"
                ? "This link was replaced"
                : "Invitation not found"
        }
      >
        <Alert tone="error">{retryAfter === undefined ? messageForCode(lookup.code) : tooManyAttemptsMessage(retryAfter)}</Alert>
      </InviteFrame>
    );
  }
  const { invitation } = lookup;
  const roleLabel = isRoleName(invitation.role) ? roleLabels[invitation.role] : invitation.role;
  const title = `You're invited as ${roleLabel}`;
  const domains = invitation.allowedDomains?.length ? eitherOf.format(invitation.allowedDomains) : null;
  const details = (
    <>
      <p className="text-sm text-zinc-600">
        {invitation.inviterName ? `${invitation.inviterName} invited you. ` : ""}
        This invitation expires <RelativeTime date={invitation.expiresAt} />.
      </p>
      {domains && (
        <p data-testid="invitation-domains" className="text-sm text-zinc-600">
          {`Only people with a verified email address at ${domains} can accept it.`}
        </p>
      )}
      {invitation.message && <InvitationNote inviterName={invitation.inviterName} message={invitation.message} />}
    </>
  );

  if (invitation.viewerAcceptedAt) {
    // Reopened by the person who accepted it: that is news to nobody, and no error.
    return (
      <InviteFrame title="Invitation accepted">
        <Alert tone="success">
          You accepted this <RelativeTime date={invitation.viewerAcceptedAt} />, and it gave you the {roleLabel} role.
        </Alert>
        <p className="text-sm text-zinc-600">
          <Link href="/dashboard" className="font-semibold text-brand-600 hover:text-brand-700">
            Go to your dashboard
          </Link>
        </p>
      </InviteFrame>
    );
  }
  if (invitation.status !== "pending") {
    return (
      <InviteFrame title={statusTitles[invitation.status] ?? "Invitation not available"}>
        <Alert tone="error">{statusMessages[invitation.status] ?? messageForCode(undefined)}</Alert>
        <p className="text-sm text-zinc-600">
          It was an invitation to the {roleLabel} role.{" "}
          <Link href={session ? "/dashboard" : "/"} className="font-semibold text-brand-600 hover:text-brand-700">
            {session ? "Go to your dashboard" : "Go to the home page"}
          </Link>
        </p>
      </InviteFrame>
    );
  }
  if (!session) {
    const next = encodeURIComponent(here);
    // The plugin's own answer, to anyone holding the token, and what the email said: a private invitation to an
    // address with an account asks to sign in. Nothing more is learnt here about who has an account.
    const signInFirst = invitation.isPrivate && !invitation.newAccount;
    const signInLink = (
      <ButtonLink href={`/sign-in?next=${next}`} variant={signInFirst ? "primary" : "secondary"}>
        Sign in
      </ButtonLink>
    );
    const signUpLink = (
      <ButtonLink href={`/sign-up?next=${next}`} variant={signInFirst ? "secondary" : "primary"}>
        Create an account
      </ButtonLink>
    );
    return (
      <InviteFrame title={title}>
        {refusal && <Alert tone="error">{refusal}</Alert>}
        {details}
        <p className="text-sm text-zinc-600">{signInFirst ? "Sign in to accept it." : "Sign in, or create an account, to accept it."}</p>
        <div className="flex flex-wrap gap-3">
          {signInFirst ? signInLink : signUpLink}
          {signInFirst ? signUpLink : signInLink}
        </div>
        <SocialSignIn providers={signInProvidersOf(getEnv())} next={here} from="sign-in" or="before" />
      </InviteFrame>
    );
  }
  if (invitation.isPrivate && invitation.isForViewer === false) {
    return (
      <InviteFrame title={title}>
        <Alert tone="error">
          This invitation was sent to another email address than {session.user.email}. Sign out, then sign in with the address the
          invitation was sent to.
        </Alert>
        <SignOutButton next={here} label="Switch account" />
      </InviteFrame>
    );
  }
  if (domains && !domainAllowed(invitation, session.user.email)) {
    return (
      <InviteFrame title={title}>
        {details}
        <Alert tone="error">
          {`${messageForCode("EMAIL_DOMAIN_NOT_ALLOWED")} You are signed in as ${session.user.email}: sign out, then sign in or sign up with an address at ${domains}.`}
        </Alert>
        <SignOutButton next={here} label="Switch account" />
      </InviteFrame>
    );
  }
  if ((invitation.isPrivate || domains) && !session.user.emailVerified) {
    // The plugin accepts a private or domain-restricted invitation only for a verified address (GHSA-fmh4-wcc4-5jm3): say so
    // before the button fails.
    return (
      <InviteFrame title={title}>
        {details}
        <Alert tone="info">
          Verify your email address to accept this invitation. We will send a link to {session.user.email}; it brings you back here.
        </Alert>
        <ResendVerification next={here} />
      </InviteFrame>
    );
  }
  return (
    <InviteFrame title={title}>
      {refusal && <Alert tone="error">{refusal}</Alert>}
      {details}
      <InviteResponseForm token={token} roleLabel={roleLabel} canDecline={invitation.isPrivate} />
    </InviteFrame>
  );
}

function InviteFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-lg px-4 py-16 sm:px-6">
      <Card className="space-y-5">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {children}
      </Card>
    </div>
  );
}
