/**
 * How long after a revoke its Undo still works: the plugin's `restoreWindow`, and what the confirmations promise. A
 * revoke takes effect at once (it must never be lost with a closed tab); Undo restores it, as a new event.
 */
export const UNDO_REVOKE_SECONDS = 120;
