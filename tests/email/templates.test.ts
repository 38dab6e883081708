import { describe, expect, it } from "vitest";
import { renderEmailPreviews } from "@/lib/email/previews";

describe("email templates", () => {
  it("each renders HTML and a plain-text part that carries its link", async () => {
    const previews = await renderEmailPreviews();
    expect(previews.map((preview) => preview.subject)).toEqual([
      "You're invited as moderator!",
      "Ada Admin invited you to become an admin on Invite Kit",
      "Reminder: Ada Admin invited you to become a moderator",
      "Verify your email address",
      "Your sign-in link for Invite Kit",
      "Sign in to Invite Kit with your password",
    ]);
    for (const preview of previews) {
      expect(preview.html).toMatch(/^<!DOCTYPE html/i);
      expect(preview.text).not.toMatch(/<[a-z]/i);
      expect(preview.text).toMatch(
        /http:\/\/localhost:3000\/api\/auth\/(invite\/preview-token|verify-email\?token=preview|magic-link\/verify\?token=preview)|http:\/\/localhost:3000\/sign-in/,
      );
    }
    expect(previews[0]!.text).toContain("Create your account");
    expect(previews[1]!.text).toContain("Activate your new role");
    // The reminder is the invitation itself, with the same button, titled as a reminder.
    expect(previews[2]!.html).toContain("Reminder: Ada Admin invited you to become a moderator");
    expect(previews[2]!.text).toContain("Create your account");
    const byName = (name: string) => previews.find((preview) => preview.name === name);
    expect(byName("magic-link")?.text).toContain("The link works once, for 5 minutes");
    expect(byName("sign-in-link-refused")?.text).toContain("two-factor authentication turned on");
  });
});
