import { ButtonLink } from "@/components/ui/button";
import { outboxAccess } from "@/lib/email/outbox-access";
import { getSession } from "@/lib/auth/session";

const features = [
  {
    title: "Explicit",
    body: "A role is granted by an invitation someone allowed to grant it created — never by editing the database or hard-coding an email.",
  },
  {
    title: "Trackable",
    body: "Every invitation records who created it, who used it, when, and the role before and after.",
  },
  {
    title: "Revocable",
    body: "Invitations expire, can be revoked at any time, and are spent atomically, however many people click at once.",
  },
  {
    title: "Safe to share",
    body: "Tokens are random and stored hashed; opening a link changes nothing until the invitee accepts.",
  },
];

export default async function HomePage() {
  const session = await getSession();
  const showOutbox = (await outboxAccess(async () => session)) === "ALLOWED";
  return (
    <div className="mx-auto max-w-5xl px-4 py-16 sm:px-6 sm:py-24">
      <p className="text-sm font-semibold tracking-wider text-brand-600 uppercase">Better Auth · Next.js starter</p>
      <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-zinc-900 sm:text-5xl">
        Give people roles with invitations, not database edits.
      </h1>
      <p className="mt-6 max-w-2xl text-lg leading-8 text-zinc-600">
        Invite Kit is a reference app and a Better Auth plugin for role-based invitations. An admin invites someone as a user, moderator or
        admin; they open the link, sign in or sign up, and hold the role.
      </p>
      <div className="mt-10 flex flex-wrap gap-3">
        {session ? (
          <ButtonLink href="/dashboard">Go to your dashboard</ButtonLink>
        ) : (
          <>
            <ButtonLink href="/sign-up">Create an account</ButtonLink>
            <ButtonLink href="/sign-in" variant="secondary">
              Sign in
            </ButtonLink>
          </>
        )}
        {showOutbox && (
          <ButtonLink href="/dev/outbox" variant="ghost">
            Open the email outbox
          </ButtonLink>
        )}
      </div>
      <ul className="mt-20 grid gap-6 sm:grid-cols-2">
        {features.map((feature) => (
          <li key={feature.title} className="rounded-2xl bg-white p-6 ring-1 ring-zinc-200">
            <h2 className="font-semibold text-zinc-900">{feature.title}</h2>
            <p className="mt-2 text-sm leading-6 text-zinc-600">{feature.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
