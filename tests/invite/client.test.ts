import { createAuthClient } from "better-auth/client";
import { beforeAll, describe, expect, it } from "vitest";
import { handleAuthRequest } from "@/lib/http/auth-handler";
import { inviteClient } from "@invite-kit/better-auth/client";
import { type CookieJar, startTestApp, type TestApp, uniqueEmail } from "../support/app";
import { roleOf, signedInUser } from "../support/users";

/** The real client, its HTTP calls sent to the app's handler with a person's cookies. */
function clientFor(jar: CookieJar) {
  return createAuthClient({
    baseURL: "http://localhost:3000",
    plugins: [inviteClient()],
    fetchOptions: {
      customFetchImpl: async (input, init) => {
        const request = new Request(input, init);
        request.headers.set("cookie", jar.header());
        request.headers.set("origin", "http://localhost:3000");
        const response = await handleAuthRequest(request);
        jar.store(response);
        return response;
      },
    },
  });
}

describe("inviteClient()", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });

  it("gives typed authClient.invite calls that create, look up, list, accept and cancel", async () => {
    const admin = clientFor((await signedInUser(app, { role: "admin" })).jar);
    const created = await admin.invite.create({ role: "moderator", maxUses: 2 });
    expect(created.error).toBeNull();
    const token = created.data!.token;

    const lookedUp = await admin.invite.get({ query: { token } });
    expect(lookedUp.data?.invitation).toMatchObject({ role: "moderator", status: "pending", usesLeft: 2 });

    const invitee = await signedInUser(app);
    const accepted = await clientFor(invitee.jar).invite.accept({ token });
    expect(accepted.data).toEqual({ role: "moderator", previousRole: "user", redirectTo: "/dashboard/role-upgraded" });
    expect(await roleOf(app, invitee.id)).toBe("moderator");

    // Newest first: other files share the database, so look further than one default page.
    const listed = await admin.invite.list({ query: { status: "pending", role: "moderator", limit: 100 } });
    expect(listed.data?.invitations.find((item) => item.id === created.data!.invitation.id)?.uses).toHaveLength(1);

    const canceled = await admin.invite.cancel({ id: created.data!.invitation.id });
    expect(canceled.data?.invitation.status).toBe("canceled");
  });

  it("gives typed authClient.invite.createMany and quota calls", async () => {
    const admin = clientFor((await signedInUser(app, { role: "admin" })).jar);
    const email = uniqueEmail("client-many");
    const many = await admin.invite.createMany({ emails: [email, "nope", email.toUpperCase()], role: "user", notify: false });
    expect(many.error).toBeNull();
    const [created, invalid, duplicate] = many.data?.results ?? [];
    // The result is a union on `status`: a created one has its invitation (and, with notify: false, its link).
    if (created?.status !== "created") throw new Error(`expected created, got ${JSON.stringify(created)}`);
    expect(created.invitation.email).toBe(email);
    expect(created.url).toContain("/api/auth/invite/");
    expect(invalid?.status === "refused" && invalid.code).toBe("INVALID_EMAIL");
    expect(duplicate?.status === "refused" && duplicate.code).toBe("DUPLICATE_EMAIL");

    const quota = await admin.invite.quota();
    expect(quota.data).toEqual({ limit: 500, pending: 1, remaining: 499 });
  });

  it("reports the plugin's error codes", async () => {
    const user = clientFor((await signedInUser(app)).jar);
    const refused = await user.invite.create({ role: "admin" });
    expect(refused.error).toMatchObject({ status: 403, code: "INSUFFICIENT_PERMISSIONS" });
    const unknown = await user.invite.accept({ token: "nope" });
    expect(unknown.error).toMatchObject({ status: 404, code: "INVALID_TOKEN" });
  });
});
