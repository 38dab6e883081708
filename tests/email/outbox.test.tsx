import { beforeAll, describe, expect, it } from "vitest";
import VerifyEmail from "@/emails/verify-email";
import { sendEmail } from "@/lib/email/mailer";
import { startTestApp, uniqueEmail } from "../support/app";

async function getOutbox(query = "") {
  const { GET } = await import("@/app/api/dev/outbox/route");
  return GET(new Request(`http://localhost:3000/api/dev/outbox${query}`));
}

describe("the outbox", () => {
  beforeAll(async () => {
    await startTestApp();
  });

  it("keeps each email with its HTML and text parts, and lists them newest first as JSON", async () => {
    const to = uniqueEmail("outbox");
    await sendEmail({ to, subject: "First", template: <VerifyEmail name="Ada" url="http://localhost:3000/a" /> });
    await sendEmail({ to: to.toUpperCase(), subject: "Second", template: <VerifyEmail name="Ada" url="http://localhost:3000/b" /> });

    const response = await getOutbox(`?to=${encodeURIComponent(to)}`);
    expect(response.status).toBe(200);
    const { emails } = await response.json();
    expect(emails.map((email: { subject: string }) => email.subject)).toEqual(["Second", "First"]);
    for (const email of emails) {
      expect(Object.keys(email).sort()).toEqual(["createdAt", "from", "html", "id", "subject", "text", "to"]);
      expect(email.to).toBe(to);
      expect(email.html).toContain("<html");
      expect(email.text).not.toContain("<");
    }
    expect(emails[0].html).toContain('href="http://localhost:3000/b"');
    expect(emails[0].text).toContain("http://localhost:3000/b");
  });

  it("answers a bad query with a 400 and a code", async () => {
    const response = await getOutbox("?limit=lots");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "INVALID_QUERY" });
  });
});
