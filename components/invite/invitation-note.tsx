/**
 * The inviter's personal message on the accept page: text that React escapes, its line breaks kept by CSS
 * (`white-space: pre-line`), never markup made from it.
 */
export function InvitationNote({ inviterName, message }: { inviterName: string | null; message: string }) {
  return (
    <figure className="rounded-lg bg-zinc-50 px-4 py-3 ring-1 ring-zinc-200 ring-inset">
      <figcaption className="text-sm font-medium text-zinc-800">
        {inviterName ? `${inviterName} wrote:` : "A message came with it:"}
      </figcaption>
      <blockquote data-testid="invitation-message" className="mt-1 text-sm break-words whitespace-pre-line text-zinc-700">
        {message}
      </blockquote>
    </figure>
  );
}
