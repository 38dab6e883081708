import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { seededAdmin, uniqueEmail } from "./support/fixtures";

/*
 * The invite plugin through the production build's HTTP API alone, with
 * Better Auth's origin check on: what a client of the API sees.
 */

type Client = APIRequestContext;

async function newClient(baseURL: string): Promise<Client> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
}

async function signUp(baseURL: string, label: string): Promise<{ client: Client; email: string }> {
  const client = await newClient(baseURL);
  const email = uniqueEmail(label);
  const response = await client.post("/api/auth/sign-up/email", { data: { name: label, email, password: "e2e-invitee-password" } });
  expect(response.status()).toBe(200);
  return { client, email };
}

async function role(client: Client): Promise<string> {
  return (await (await client.get("/api/auth/get-session")).json()).user.role;
}

let admin: Client;

test.beforeEach(async ({ baseURL }) => {
  admin = await newClient(baseURL!);
  expect((await admin.post("/api/auth/sign-in/email", { data: seededAdmin })).status()).toBe(200);
});

test("an admin creates an invite, a signed-in user accepts it and holds the role", async ({ baseURL }) => {
  const created = await admin.post("/api/auth/invite/create", { data: { role: "moderator" } });
  expect(created.status()).toBe(200);
  const { token, url, invitation } = await created.json();
  expect(url).toBe(`${baseURL}/api/auth/invite/${token}`);
  expect(invitation).not.toHaveProperty("tokenHash");

  const { client } = await signUp(baseURL!, "accepter");
  const lookedUp = await (await client.get(`/api/auth/invite/get?token=${token}`)).json();
  expect(lookedUp.invitation).toMatchObject({ role: "moderator", status: "pending", inviterName: "Ada Admin" });

  const accepted = await client.post("/api/auth/invite/accept", { data: { token } });
  expect(await accepted.json()).toEqual({ role: "moderator", previousRole: "user", redirectTo: "/dashboard/role-upgraded" });
  expect(await role(client)).toBe("moderator");

  const again = await (await signUp(baseURL!, "late")).client.post("/api/auth/invite/accept", { data: { token } });
  expect(again.status()).toBe(409);
  expect((await again.json()).code).toBe("NO_USES_LEFT_FOR_INVITE");
});

test("the emailed link changes nothing, and the sign-up that follows it grants the role", async ({ baseURL }) => {
  const email = uniqueEmail("emailed");
  const { invitation } = await (await admin.post("/api/auth/invite/create", { data: { role: "moderator", email } })).json();

  const outbox = await (await admin.get(`/api/dev/outbox?to=${encodeURIComponent(email)}`)).json();
  expect(outbox.emails[0].subject).toBe("You're invited as moderator!");
  const link = outbox.emails[0].text.match(/https?:\/\/\S+\/api\/auth\/invite\/[A-Za-z0-9_-]+/)[0];

  const invitee = await newClient(baseURL!);
  const opened = await invitee.get(link, { maxRedirects: 0 });
  expect(opened.status()).toBe(302);
  expect(opened.headers()["location"]).toMatch(/^\/invite\//);
  const list = await (await admin.get(`/api/auth/invite/list?email=${encodeURIComponent(email)}`)).json();
  expect(list.invitations.find((item: { id: string }) => item.id === invitation.id)).toMatchObject({ useCount: 0, status: "pending" });

  const signedUp = await invitee.post("/api/auth/sign-up/email", { data: { name: "Emailed", email, password: "emailed-password" } });
  expect(signedUp.status()).toBe(200);
  const body = await signedUp.json();
  expect(body.invite).toMatchObject({ accepted: true, role: "moderator" });
  expect(body.user.emailVerified).toBe(true);
  expect(await role(invitee)).toBe("moderator");
});

test("a private invite refuses another account, and a sign-up for another address creates no user", async ({ baseURL }) => {
  const { token } = await (await admin.post("/api/auth/invite/create", { data: { role: "admin", email: uniqueEmail("target") } })).json();
  const { client } = await signUp(baseURL!, "stranger");
  const refused = await client.post("/api/auth/invite/accept", { data: { token } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe("EMAIL_MISMATCH");

  const visitor = await newClient(baseURL!);
  expect((await visitor.post("/api/auth/invite/activate", { data: { token } })).status()).toBe(200);
  const intruder = uniqueEmail("intruder");
  const signUpResponse = await visitor.post("/api/auth/sign-up/email", {
    data: { name: "X", email: intruder, password: "intruder-password" },
  });
  expect(signUpResponse.status()).toBe(403);
  const signIn = await visitor.post("/api/auth/sign-in/email", { data: { email: intruder, password: "intruder-password" } });
  expect(signIn.status()).toBe(401);
});

test("20 people accepting a 3-use invite at once: exactly 3 succeed", async ({ baseURL }) => {
  const { token, invitation } = await (await admin.post("/api/auth/invite/create", { data: { role: "moderator", maxUses: 3 } })).json();
  const people = await Promise.all(Array.from({ length: 20 }, (_, index) => signUp(baseURL!, `racer${index}`)));
  const statuses = await Promise.all(
    people.map(({ client }) => client.post("/api/auth/invite/accept", { data: { token } }).then((response) => response.status())),
  );
  expect(statuses.filter((status) => status === 200)).toHaveLength(3);
  expect(statuses.filter((status) => status === 409)).toHaveLength(17);
  const list = await (await admin.get("/api/auth/invite/list?status=used&limit=100")).json();
  const row = list.invitations.find((item: { id: string }) => item.id === invitation.id);
  expect(row).toMatchObject({ useCount: 3, status: "used" });
  expect(row.uses).toHaveLength(3);
});

test("cancel and resend work from the API, and a canceled or replaced token is refused", async ({ baseURL }) => {
  const email = uniqueEmail("resend");
  const first = await (await admin.post("/api/auth/invite/create", { data: { role: "moderator", email } })).json();
  const resent = await admin.post("/api/auth/invite/resend", { data: { id: first.invitation.id } });
  expect(resent.status()).toBe(200);
  const { client } = await signUp(baseURL!, "bystander");
  // Replaced, and said so: 410 INVITE_LINK_REPLACED, not a 404 that blames the copying.
  const replaced = await client.get(`/api/auth/invite/get?token=${first.token}`);
  expect(replaced.status()).toBe(410);
  expect((await replaced.json()).code).toBe("INVITE_LINK_REPLACED");

  const shared = await (await admin.post("/api/auth/invite/create", { data: { role: "user" } })).json();
  expect((await admin.post("/api/auth/invite/cancel", { data: { id: shared.invitation.id } })).status()).toBe(200);
  const refused = await client.post("/api/auth/invite/accept", { data: { token: shared.token } });
  expect(refused.status()).toBe(410);
  expect((await refused.json()).code).toBe("INVITE_CANCELED");
});

test("a request from a foreign origin is refused", async () => {
  const response = await admin.post("/api/auth/invite/create", { data: { role: "user" }, headers: { origin: "https://evil.example" } });
  expect(response.status()).toBe(403);
});
