// Copies the README's screenshots from the last browser run (test-results/screenshots/<project>/) into
// docs/screenshots/, so the pictures in the README are the ones the stories took and checked (axe, no sideways scroll).
// Usage: npm test (or the stories alone), then `node scripts/refresh-screenshots.mjs [pglite|postgres]`.
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const project = process.argv[2] ?? "pglite";
const from = join("test-results", "screenshots", project);

// docs/screenshots/<name> ← the story's shot of the same name; README.md shows each of them.
const shots = [
  "dashboard-invites.png",
  "shareable-link.png",
  "bulk-invite.png",
  "invite-signed-out.png",
  "sign-up-for-invitation.png",
  "role-upgraded.png",
  "welcome-admin.png",
  "invite-wrong-account.png",
  "no-uses-left.png",
  "invite-expired.png",
  "invites-not-allowed.png",
  "outbox.png",
  "page-dashboard-1280-light.png",
  "page-dashboard-1280-dark.png",
  "page-dashboard-invites-1280-dark.png",
  "page-dashboard-invites-390-light.png",
  "page-dashboard-invites-390-dark.png",
  "invites-cards-390.png",
  "page-dashboard-users-390-light.png",
  "page-invite-390-dark.png",
];

const missing = shots.filter((name) => !existsSync(join(from, name)));
if (missing.length > 0) {
  console.error(`Not in ${from} (run the browser stories first): ${missing.join(", ")}`);
  process.exit(1);
}
for (const name of shots) copyFileSync(join(from, name), join("docs", "screenshots", name));
console.log(`Copied ${shots.length} screenshots from ${from} to docs/screenshots/.`);
