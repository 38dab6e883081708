/** How far a bulk send has gone, as a bar and in words. */
export function BulkProgress({ done, total }: { done: number; total: number }) {
  return (
    <div className="space-y-1.5">
      <progress
        value={done}
        max={total}
        aria-label="Invitations sent"
        className="h-2 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-zinc-200 [&::-webkit-progress-value]:bg-brand-600"
      />
      <p role="status" className="text-sm text-zinc-700">
        {`Sent ${done} of ${total}`}
      </p>
    </div>
  );
}
