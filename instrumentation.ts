// Runs once when the server starts: checks the environment, migrates, seeds.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { bootstrapOrExit } = await import("@/lib/bootstrap");
    await bootstrapOrExit();
  }
}
