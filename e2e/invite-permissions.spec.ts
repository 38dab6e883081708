import { expect, test, type APIRequestContext, type Request } from "@playwright/test";
import { expectRole, raiseThroughInvitation, seededAdmin, signIn, signUp, snapshot, uniqueEmail } from "./support/fixtures";

test("a moderator cannot open the invite form, and posting to the create action directly is refused", async ({
  page,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await api.post("/api/auth/sign-in/email", { data: seededAdmin });

  const moderatorPage = await (await browser.newContext()).newPage();
  await signUp(moderatorPage, { name: "Mo Derator", email: uniqueEmail("moderator"), password: "moderator-password" });
  await expect(moderatorPage).toHaveURL(/\/dashboard$/);
  await raiseThroughInvitation(api, moderatorPage.request, "moderator", baseURL!);
  await moderatorPage.reload();
  await expectRole(moderatorPage, "Moderator");

  await moderatorPage.goto("/dashboard/invites");
  await expect(moderatorPage.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(moderatorPage.getByRole("button", { name: "Send Invitation" })).toHaveCount(0);
  await snapshot(moderatorPage, testInfo, "invites-not-allowed");

  // The admin's own form makes the real server-action POST; it is caught (and held back) to be replayed.
  await signIn(page, seededAdmin);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/invites");
  const placeholder = uniqueEmail("placeholder");
  let action: Request | undefined;
  await page.route("**/dashboard/invites", async (route) => {
    if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.continue();
    action = route.request();
    await route.abort();
  });
  await page.getByLabel("Email", { exact: true }).fill(placeholder);
  await page.getByText("Can manage content", { exact: true }).click();
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect.poll(() => action).toBeDefined();
  const body = action!.postDataBuffer()!.toString("utf8");
  expect(body.split(placeholder)).toHaveLength(2);
  const replay = (requester: APIRequestContext, email: string) =>
    requester.post(action!.url(), {
      headers: { "next-action": action!.headers()["next-action"]!, "content-type": action!.headers()["content-type"]!, origin: baseURL! },
      data: Buffer.from(body.replace(placeholder, email), "utf8"),
    });
  const sentTo = async (email: string) => (await (await api.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()).emails;
  const invitesFor = async (email: string) =>
    (await (await api.get(`/api/auth/invite/list?email=${encodeURIComponent(email)}`)).json()).invitations;

  // The replay is a working request: sent with the admin's session, it creates the invitation.
  const byAdmin = uniqueEmail("replayadmin");
  expect(await (await replay(page.request, byAdmin)).text()).toContain(`Invitation sent to ${byAdmin} with Moderator role!`);
  expect((await sentTo(byAdmin))[0].subject).toBe("You're invited as moderator!");
  expect(await invitesFor(byAdmin)).toHaveLength(1);

  // With the moderator's session, the action refuses before it reads the form: the address is not even echoed back.
  const byModerator = uniqueEmail("replaymod");
  const refused = await (await replay(moderatorPage.request, byModerator)).text();
  expect(refused).toContain("You don't have permission to do that.");
  expect(refused).not.toContain(byModerator);
  expect(await sentTo(byModerator)).toEqual([]);
  expect(await invitesFor(byModerator)).toEqual([]);

  // With no session at all, the action says so.
  const anonymous = await playwright.request.newContext({ baseURL });
  const byNobody = uniqueEmail("replaynobody");
  const unsigned = await (await replay(anonymous, byNobody)).text();
  expect(unsigned).toContain("Your session has ended. Sign in again.");
  expect(unsigned).not.toContain(byNobody);
  expect(await sentTo(byNobody)).toEqual([]);
  expect(await invitesFor(byNobody)).toEqual([]);
});
