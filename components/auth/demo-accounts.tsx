import { signInAsDemoAction } from "@/lib/actions/demo";
import { RoleBadge } from "@/components/role-badge";
import type { SeedAccount } from "@/lib/auth/seed";

/** Development only: one click signs in as each seeded account (a plain form, so it works without JavaScript). */
export function DemoAccounts({ accounts, next }: { accounts: SeedAccount[]; next?: string }) {
  return (
    <section aria-labelledby="demo-accounts" className="rounded-xl border border-dashed border-brand-500/40 bg-brand-50/60 p-4">
      <h2 id="demo-accounts" className="text-sm font-semibold text-brand-700">
        Demo accounts <span className="font-normal text-zinc-500">(development only)</span>
      </h2>
      <p className="mt-1 text-xs text-zinc-600">
        Password for each: <code className="rounded bg-white px-1 py-0.5 font-mono">{accounts[0]?.password}</code>
      </p>
      <ul className="mt-3 space-y-2">
        {accounts.map((account) => (
          <li key={account.email}>
            <form
              action={signInAsDemoAction}
              className="flex items-center justify-between gap-3 rounded-lg bg-white px-3 py-2 ring-1 ring-zinc-200"
            >
              <input type="hidden" name="email" value={account.email} />
              {next && <input type="hidden" name="next" value={next} />}
              <span className="flex min-w-0 items-center gap-2 text-sm">
                <RoleBadge role={account.role} />
                <span className="truncate text-zinc-700">{account.email}</span>
              </span>
              <button type="submit" className="shrink-0 text-sm font-semibold text-brand-600 hover:text-brand-700">
                Sign in<span className="sr-only"> as {account.email}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
