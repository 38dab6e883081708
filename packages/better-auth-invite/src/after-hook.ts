// After hooks run once their change has committed: nothing they do can undo it, so nothing they throw may report it as failed.
import type { GenericEndpointContext } from "./context";
import type { InviteHooks } from "./types";

type AfterHookName = Extract<keyof InviteHooks, `after${string}`>;

/**
 * Runs an after hook. The change it follows is committed (and its email sent): were its failure answered as the
 * action's, a client would retry what already happened, or lose a token shown only once. It is logged instead.
 */
export async function runAfterHook(ctx: GenericEndpointContext, name: AfterHookName, hook: () => unknown): Promise<void> {
  try {
    await hook();
  } catch (error) {
    ctx.context.logger.error(`${name} failed; the change it follows stands`, error);
  }
}
