import { TextField } from "@/components/ui/text-field";

/**
 * How an invitation reaches people: an invitation to one address is emailed unless the admin copies its link instead;
 * a shareable link may be kept to some domains. Each choice applies to one kind only, so the other is disabled (and not
 * posted) while it does not apply; without JavaScript both stay open and the server says which does not fit.
 */
export function InviteDeliveryFields({
  hasEmail,
  copyLink,
  allowedDomains,
  errors,
}: {
  hasEmail: boolean | null;
  copyLink?: boolean;
  allowedDomains?: string;
  errors: { copyLink?: string[]; allowedDomains?: string[] };
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="space-y-1.5">
        <div className="flex items-start gap-3">
          <input
            id="field-copyLink"
            name="copyLink"
            type="checkbox"
            defaultChecked={copyLink}
            disabled={hasEmail === false}
            aria-describedby="field-copyLink-hint"
            className="mt-0.5 size-5 shrink-0 rounded border-zinc-300 text-brand-600 focus:ring-brand-600 disabled:opacity-50"
          />
          <label htmlFor="field-copyLink" className="text-sm font-medium text-zinc-800">
            Copy link instead of emailing
          </label>
        </div>
        <p id="field-copyLink-hint" className="text-xs text-zinc-500">
          For an invitation to an email address: nothing is sent, and you get the link to pass on yourself.
        </p>
        {errors.copyLink && <p className="text-sm text-red-600">{errors.copyLink.join(" ")}</p>}
      </div>
      <TextField
        label="Only people at these domains"
        name="allowedDomains"
        autoComplete="off"
        placeholder="example.com, example.org"
        hint="For a shareable link: only people with a verified address at one of these domains can accept it. Separate them with commas."
        defaultValue={allowedDomains}
        disabled={hasEmail === true}
        errors={errors.allowedDomains}
      />
    </div>
  );
}
