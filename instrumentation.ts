// Runs once when the server starts: checks the environment, migrates, seeds.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrap } = await import("@/lib/bootstrap");
  try {
    await bootstrap();
  } catch (error) {
    // A server that cannot reach its database or lacks its secret must not answer requests.
    console.error(`[invite-kit] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
