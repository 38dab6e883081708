import { describe, expect, it } from "vitest";

process.env.EMAIL_TRANSPORT = "resend";
process.env.RESEND_API_KEY = "re_test_key";

describe("the outbox when emails really go out", () => {
  it("answers 404 at /api/dev/outbox, so a production app never shows its mail", async () => {
    const { GET } = await import("@/app/api/dev/outbox/route");
    const response = await GET(new Request("http://localhost:3000/api/dev/outbox"));
    expect(response.status).toBe(404);
  });
});
