import { describe, expect, it } from "vitest";

// Read once, at the first request, by lib/env.ts: this file's process has no CRON_SECRET.
delete process.env.CRON_SECRET;

describe("POST /api/cron/invite-reminders without CRON_SECRET", () => {
  it("answers 404 whatever it is sent: the route is off", async () => {
    const { GET, POST } = await import("@/app/api/cron/invite-reminders/route");
    for (const authorization of [undefined, "Bearer ", "Bearer anything-at-all-0123456789"]) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      for (const handler of [POST, GET]) {
        const response = await handler(new Request("http://localhost:3000/api/cron/invite-reminders", { method: "POST", headers }));
        expect(response.status).toBe(404);
      }
    }
  });
});
