// The seed example's flows and the race, over real HTTP through the invite client plugin.
import assert from "node:assert/strict";
import { acceptedLog, canCreateCalls, outbox } from "./auth.mjs";
import { person } from "./person.mjs";

const PASSWORD = "correct horse battery staple";
const RACERS = 30;
const RACE_USES = 3;

/** The data of a client call, or a failure that says what the server answered instead. */
function dataOf(result, what) {
  if (result.error) {
    throw new Error(
      `${what}: expected success, got ${result.error.status} ${result.error.code ?? ""} ${result.error.message ?? ""}`.trim(),
    );
  }
  assert.ok(result.data, `${what}: the answer has no data`);
  return result.data;
}

function assertRefused(result, status, code, what) {
  assert.ok(result.error, `${what}: expected ${status} ${code}, got success ${JSON.stringify(result.data)}`);
  assert.equal(result.error.status, status, `${what}: status (code ${result.error.code})`);
  assert.equal(result.error.code, code, `${what}: error code`);
}

const timeOf = (value) => new Date(value).getTime();
const tokenOf = (url) => decodeURIComponent(new URL(url).pathname.split("/").pop());

async function signUp(origin, email, name) {
  const someone = person(origin);
  const data = dataOf(await someone.client.signUp.email({ email, password: PASSWORD, name }), `sign-up of ${email}`);
  return Object.assign(someone, { user: data.user });
}

async function roleOf(someone) {
  const data = dataOf(await someone.client.getSession(), "get-session");
  return data.user.role;
}

export async function runFlows({ origin, seed, paths, check }) {
  const adminEmail = "ada@admin.example.com";
  const admin = person(origin);
  let uma;

  await check("a signed-up user and a seeded admin sign in over HTTP (createAuthClient with inviteClient)", async () => {
    await seed.api.createUser({ body: { email: adminEmail, password: PASSWORD, name: "Ada Admin", role: "admin" } });
    const signedIn = dataOf(await admin.client.signIn.email({ email: adminEmail, password: PASSWORD }), "admin sign-in");
    assert.equal(signedIn.user.email, adminEmail);
    assert.equal(await roleOf(admin), "admin");
    uma = await signUp(origin, "uma@example.com", "Uma User");
    assert.equal(await roleOf(uma), "user");
  });

  await check("canCreateInvite as a function of { invitedUser, inviterUser, ctx }: an admin creates an invitation", async () => {
    canCreateCalls.length = 0;
    const data = dataOf(await admin.client.invite.create({ role: "moderator" }), "create");
    assert.equal(data.invitation.role, "moderator");
    assert.ok(data.token && data.url.includes(data.token), "create returns the token and its link");
    const call = canCreateCalls.at(-1);
    assert.ok(call, "the function was called");
    assert.equal(call.invitedUser.role, "moderator");
    assert.equal(call.inviterUser.email, adminEmail);
    assert.ok(call.ctx?.context, "ctx is the endpoint context");
  });

  await check("canCreateInvite as a function: a plain user is refused with INSUFFICIENT_PERMISSIONS (403)", async () => {
    assertRefused(await uma.client.invite.create({ role: "user" }), 403, "INSUFFICIENT_PERMISSIONS", "plain user create");
  });

  await check("canCreateInvite: true lets any signed-in user invite, to roles up to their own", async () => {
    const data = dataOf(await admin.at(paths.boolean).invite.create({ role: "admin" }), "admin create");
    assert.equal(data.invitation.role, "admin");
    dataOf(await uma.at(paths.boolean).invite.create({ role: "user" }), "plain user create for user");
    assertRefused(
      await uma.at(paths.boolean).invite.create({ role: "moderator" }),
      403,
      "ROLE_ABOVE_INVITER",
      "plain user create for moderator",
    );
  });

  await check("canCreateInvite: false refuses everyone, admins too, with INSUFFICIENT_PERMISSIONS (403)", async () => {
    assertRefused(await admin.at(paths.closed).invite.create({ role: "user" }), 403, "INSUFFICIENT_PERMISSIONS", "admin create");
  });

  await check(
    'canCreateInvite as a statement ("user can invite users with specific roles", ["create:invite"]): an admin creates',
    async () => {
      const data = dataOf(await admin.at(paths.statement).invite.create({ role: "moderator" }), "admin create");
      assert.equal(data.invitation.role, "moderator");
    },
  );

  await check("canCreateInvite as a statement: a plain user is refused with INSUFFICIENT_PERMISSIONS (403)", async () => {
    assertRefused(await uma.at(paths.statement).invite.create({ role: "user" }), 403, "INSUFFICIENT_PERMISSIONS", "plain user create");
  });

  const niaEmail = "nia@example.com";
  let nia;
  await check("sendUserInvitation({ email, name, role, url, newAccount }) gets newAccount: true for a new address", async () => {
    outbox.length = 0;
    const data = dataOf(await admin.client.invite.create({ role: "moderator", email: niaEmail }), "private create");
    assert.equal(data.invitation.email, niaEmail);
    assert.equal(outbox.length, 1, "one invitation sent");
    const [sent] = outbox;
    assert.deepEqual(
      { email: sent.email, name: sent.name, role: sent.role, newAccount: sent.newAccount },
      { email: niaEmail, name: undefined, role: "moderator", newAccount: true },
    );
    assert.equal(tokenOf(sent.url), data.token, "the emailed url carries the token");
  });

  await check("accept through sign-up: the emailed link keeps the invite in a cookie, the sign-up takes the role", async () => {
    const [sent] = outbox;
    nia = person(origin);
    const opened = await nia.fetch(sent.url, { redirect: "manual" });
    assert.equal(opened.status, 302, "the link redirects to the accept page");
    assert.ok(nia.jar.has("better-auth.invite_token"), "the link sets the invite cookie");
    const data = dataOf(await nia.client.signUp.email({ email: niaEmail, password: PASSWORD, name: "Nia" }), "sign-up");
    assert.deepEqual(data.invite, { accepted: true, role: "moderator", previousRole: "user", redirectTo: "/dashboard/role-upgraded" });
    const session = dataOf(await nia.client.getSession(), "get-session");
    assert.equal(session.user.role, "moderator");
    assert.equal(session.user.emailVerified, true, "the link proved the address");
    assert.ok(!nia.jar.has("better-auth.invite_token"), "the invite cookie is cleared");
  });

  await check(
    "sendUserInvitation gets newAccount: false for an existing user; accept answers redirectTo defaultRedirectAfterUpgrade",
    async () => {
      outbox.length = 0;
      dataOf(await admin.client.invite.create({ role: "admin", email: niaEmail }), "private create");
      const [sent] = outbox;
      assert.deepEqual(
        { email: sent.email, name: sent.name, role: sent.role, newAccount: sent.newAccount },
        { email: niaEmail, name: "Nia", role: "admin", newAccount: false },
      );
      const accepted = dataOf(await nia.client.invite.accept({ token: tokenOf(sent.url) }), "accept");
      assert.deepEqual(
        { role: accepted.role, previousRole: accepted.previousRole, redirectTo: accepted.redirectTo },
        { role: "admin", previousRole: "moderator", redirectTo: "/dashboard/role-upgraded" },
      );
      assert.equal(await roleOf(nia), "admin");
    },
  );

  let staffInvitation;
  let sam;
  await check(
    'beforeAcceptInvite returning { user: { ...invitedUser, role: "moderator" } } on a "user" invitation grants moderator',
    async () => {
      const created = dataOf(await admin.client.invite.create({ role: "user" }), "create");
      staffInvitation = created.invitation;
      sam = await signUp(origin, "sam@staff.example.com", "Sam Staff");
      acceptedLog.length = 0;
      const accepted = dataOf(await sam.client.invite.accept({ token: created.token }), "accept");
      assert.equal(accepted.role, "moderator", "the accept answers the hook's role");
      assert.equal(await roleOf(sam), "moderator", "the user holds the hook's role");
      const list = dataOf(await admin.client.invite.list({ query: { limit: 100 } }), "list");
      const listed = list.invitations.find((invitation) => invitation.id === staffInvitation.id);
      assert.ok(listed, "the invitation is listed");
      assert.equal(listed.uses.length, 1);
      assert.equal(listed.uses[0].newRole, "moderator", "the use records the role granted");
      assert.equal(listed.uses[0].previousRole, "user");
    },
  );

  await check("afterAcceptInvite({ invitation, invitedUser, ctx }) is called after the accept", async () => {
    const entry = acceptedLog.find((call) => call.invitation.id === staffInvitation.id);
    assert.ok(entry, "afterAcceptInvite was called for the invitation");
    assert.equal(entry.invitedUser.id, sam.user.id);
    assert.equal(entry.invitedUser.role, "moderator");
    assert.ok(entry.ctx?.context, "ctx is the endpoint context");
  });

  await check("expiresIn (seconds) on create sets expiresAt that far ahead", async () => {
    const expiresIn = 3600;
    const before = Date.now();
    const created = dataOf(await admin.client.invite.create({ role: "user", expiresIn }), "create");
    const after = Date.now();
    const expiresAt = timeOf(created.invitation.expiresAt);
    // MySQL may keep whole seconds only.
    assert.ok(
      expiresAt >= before + expiresIn * 1000 - 1000 && expiresAt <= after + expiresIn * 1000 + 1000,
      `expiresAt ${new Date(expiresAt).toISOString()} is not ${expiresIn} s after ${new Date(before).toISOString()}`,
    );
    const shown = dataOf(await person(origin).client.invite.get({ query: { token: created.token } }), "get");
    assert.ok(Math.abs(timeOf(shown.invitation.expiresAt) - expiresAt) <= 1000, "get shows the same expiry");
  });

  // Two races on the same users: the seed's accept reads the invitation first (it has a canCreateInvite function and a
  // beforeAcceptInvite hook), the statement form's claims with its guarded UPDATE alone. On SQLite's one connection
  // the read-first path is serialized by itself, so only the second race puts the guard to the test there.
  const racers = [];
  const moderators = new Set();
  for (const [label, basePath] of [
    ["the seed: accept reads first", "/api/auth"],
    ["the statement form: one guarded UPDATE", paths.statement],
  ]) {
    await check(
      `the race (${label}): ${RACERS} users accept a ${RACE_USES}-use invitation at once: exactly ${RACE_USES} get 200, the rest 4xx, no 5xx`,
      async () => {
        if (racers.length === 0) {
          racers.push(
            ...(await Promise.all(Array.from({ length: RACERS }, (_, i) => signUp(origin, `racer-${i}@example.com`, `Racer ${i}`)))),
          );
        }
        const created = dataOf(await admin.at(basePath).invite.create({ role: "moderator", maxUses: RACE_USES }), "create");
        const answers = await Promise.all(racers.map((racer) => racer.at(basePath).invite.accept({ token: created.token })));
        const statuses = answers.map((answer) => (answer.error ? answer.error.status : 200));
        const histogram = JSON.stringify(
          Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
        );
        assert.ok(
          statuses.every((status) => status < 500),
          `no 5xx: ${histogram}`,
        );
        assert.equal(statuses.filter((status) => status === 200).length, RACE_USES, `exactly ${RACE_USES} accepted: ${histogram}`);
        const refusals = answers.filter((answer) => answer.error).map((answer) => `${answer.error.status} ${answer.error.code}`);
        assert.ok(
          refusals.every((refusal) => refusal === "409 NO_USES_LEFT_FOR_INVITE"),
          `every other answer is 409 NO_USES_LEFT_FOR_INVITE: ${[...new Set(refusals)].join(", ")}`,
        );
        const list = dataOf(await admin.client.invite.list({ query: { limit: 100 } }), "list");
        const listed = list.invitations.find((invitation) => invitation.id === created.invitation.id);
        assert.equal(listed.useCount, RACE_USES, "useCount");
        const winners = racers.filter((_, i) => statuses[i] === 200);
        assert.deepEqual(
          new Set(listed.uses.map((use) => use.user.id)),
          new Set(winners.map((winner) => winner.user.id)),
          "the uses name the winners",
        );
        for (const winner of winners) moderators.add(winner.user.id);
        const roles = await Promise.all(racers.map(roleOf));
        const holders = racers.filter((_, i) => roles[i] === "moderator").map((racer) => racer.user.id);
        assert.deepEqual(new Set(holders), moderators, "the winners, and only they, hold the role");
      },
    );
  }
}
