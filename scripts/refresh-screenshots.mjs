// Copies the README's screenshots from the last browser run (test-results/screenshots/<project>/) into
// docs/screenshots/, so the pictures in the README are the ones the stories took and checked (axe, no sideways scroll).
// Usage: npm test (or the stories alone), then `node scripts/refresh-screenshots.mjs [project…]`: each shot from the
// first project that took it (pglite, then postgres, unless named).
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const projects = process.argv.length > 2 ? process.argv.slice(2) : ["pglite", "postgres"];
const folders = projects.map((project) => join("test-results", "screenshots", project));

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
  "funnel-1280.png",
  "table-tools-1280-dark.png",
  "table-tools-390-light.png",
  "users-1280-light.png",
  "users-390-dark.png",
];

const sourceOf = (name) => folders.map((folder) => join(folder, name)).find((path) => existsSync(path));
const missing = shots.filter((name) => !sourceOf(name));
if (missing.length > 0) {
  console.error(`Not in ${folders.join(" or ")} (run the browser stories first): ${missing.join(", ")}`);
  process.exit(1);
}
for (const name of shots) copyFileSync(sourceOf(name), join("docs", "screenshots", name));
console.log(`Copied ${shots.length} screenshots from ${folders.join(", ")} to docs/screenshots/.`);
