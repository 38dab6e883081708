// The invitations table's URL: its order read forgivingly, and written back with the filter, search and page kept.
import { describe, expect, it } from "vitest";
import { invitesHref, parseInvitesQuery, sortHref } from "@/lib/invitations/list-query";

describe("the invitations table's order, in its URL", () => {
  it("reads sort and dir; anything else falls back to newest first", () => {
    expect(parseInvitesQuery({})).toMatchObject({ sort: "created", dir: "desc" });
    expect(parseInvitesQuery({ sort: "expires", dir: "asc" })).toMatchObject({ sort: "expires", dir: "asc" });
    expect(parseInvitesQuery({ sort: "expires" })).toMatchObject({ sort: "expires", dir: "desc" });
    expect(parseInvitesQuery({ dir: "asc" })).toMatchObject({ sort: "created", dir: "asc" });
    for (const params of [{ sort: "email" }, { sort: "expires", dir: "up" }, { sort: ["expires", "created"] }]) {
      expect(parseInvitesQuery(params), JSON.stringify(params)).toMatchObject({ sort: "created", dir: "desc" });
    }
  });

  it("writes newest first as no sort at all, and keeps the filter, search and page with another order", () => {
    expect(invitesHref({ page: 1, sort: "created", dir: "desc" })).toBe("/dashboard/invites");
    expect(invitesHref({ status: "pending", q: "ada", page: 2, sort: "expires", dir: "asc" })).toBe(
      "/dashboard/invites?status=pending&q=ada&sort=expires&dir=asc&page=2",
    );
  });

  it("a header leads to its other direction when sorted by it, else to its own first, from the first page", () => {
    const query = { status: "pending" as const, q: "ada", page: 3, sort: "created" as const, dir: "desc" as const };
    expect(sortHref(query, "created")).toBe("/dashboard/invites?status=pending&q=ada&dir=asc");
    expect(sortHref(query, "expires")).toBe("/dashboard/invites?status=pending&q=ada&sort=expires&dir=asc");
    expect(sortHref({ ...query, sort: "expires", dir: "asc" }, "expires")).toBe("/dashboard/invites?status=pending&q=ada&sort=expires");
  });
});
