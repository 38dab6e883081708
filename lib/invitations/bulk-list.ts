import { isRoleName, roleLabels, roleNames, type RoleName } from "@/lib/auth/permissions";
import { parseCsv, toCsv } from "@/lib/invitations/csv";
import { BULK_CHUNK_SIZE, MAX_BULK_INVITATIONS, MAX_CSV_BYTES } from "@/lib/invitations/limits";

/*
 * The addresses of a bulk send, read from what the admin pasted and from a CSV file: the same reading on the server,
 * which decides, and in the browser, which only splits the list to show its progress (lib/actions/manage-invites.ts
 * reads every part it is sent again, and the plugin checks each address once more).
 */

/** One address to invite, as the admin gave it. */
export type BulkEntry = {
  /** Its row in the CSV file, the header being row 1; none for a pasted address. */
  row?: number;
  /** The address as given (the plugin trims it, lower-cases it and checks it). */
  email: string;
  /** The role column as given, or the form's role. */
  role: string;
};

/** Why an entry is refused before anything is sent: a sentence of this list's own, or a code whose sentence is the app's. */
export type EntryRefusal = { message: string } | { code: "ROLE_ABOVE_INVITER" | "DUPLICATE_EMAIL" };

export type JudgedEntry = BulkEntry & ({ role: RoleName; refusal?: never } | { refusal: EntryRefusal });

/** The addresses pasted into the box: separated by commas, semicolons, spaces or new lines. */
export function pastedEntries(text: string, role: string): BulkEntry[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((email) => ({ email, role }));
}

/** Why a CSV file cannot be read at all, before its text is: too large. */
export function csvFileProblem(file: { size: number }): string | null {
  return file.size > MAX_CSV_BYTES ? `The CSV file is too large: at most ${MAX_CSV_BYTES / 1024} kB.` : null;
}

/**
 * The rows of a CSV file with an `email` column and, optionally, a `role` column (headers in any case, in any order,
 * other columns ignored). A row without a role takes the form's. Blank lines are skipped.
 */
export function csvEntries(text: string, defaultRole: string): { entries: BulkEntry[] } | { error: string } {
  const parsed = parseCsv(text);
  if ("error" in parsed) return parsed;
  const numbered = parsed.records
    .map((fields, index) => ({ fields, row: index + 1 }))
    .filter(({ fields }) => fields.some((field) => field.trim() !== ""));
  const [header, ...rows] = numbered;
  const columns = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
  const emailColumn = columns.indexOf("email");
  const roleColumn = columns.indexOf("role");
  if (emailColumn === -1) return { error: 'The CSV file needs a first row that names its columns, with an "email" column.' };
  if (rows.length === 0) return { error: "The CSV file has no address under its header row." };
  return {
    entries: rows.map(({ fields, row }) => ({
      row,
      email: fields[emailColumn]?.trim() ?? "",
      role: (roleColumn === -1 ? "" : (fields[roleColumn]?.trim() ?? "")) || defaultRole,
    })),
  };
}

/** Too many addresses for one send, said as the admin can fix it; null when the list fits. */
export function listSizeProblem(entries: readonly BulkEntry[]): string | null {
  if (entries.length === 0) return "Paste at least one email address, or choose a CSV file.";
  if (entries.length > MAX_BULK_INVITATIONS)
    return `That is ${entries.length} addresses: send at most ${MAX_BULK_INVITATIONS} invitations at once.`;
  return null;
}

const normalized = (email: string) => email.trim().toLowerCase();

/**
 * Each entry with its role, or why it is refused before anything is sent: no address, a role that does not exist or
 * that the admin may not grant, or an address given earlier in the list (which keeps the first).
 */
export function judgeEntries(entries: readonly BulkEntry[], grantable: readonly RoleName[]): JudgedEntry[] {
  const seen = new Set<string>();
  return entries.map((entry): JudgedEntry => {
    const role = entry.role.trim().toLowerCase();
    if (entry.email.trim() === "") return { ...entry, refusal: { message: "This row has no email address." } };
    if (!isRoleName(role)) {
      const roles = roleNames.join(", ");
      return { ...entry, refusal: { message: `"${entry.role}" is not a role: use one of ${roles}.` } };
    }
    if (!grantable.includes(role)) return { ...entry, refusal: { code: "ROLE_ABOVE_INVITER" } };
    const key = normalized(entry.email);
    if (seen.has(key)) return { ...entry, refusal: { code: "DUPLICATE_EMAIL" } };
    seen.add(key);
    return { ...entry, role };
  });
}

/**
 * The list split for sending a part at a time: the addresses of one role together, about `BULK_CHUNK_SIZE` to a part,
 * and an address given twice always in the part of its first row, so that the server still sees it twice. Each part
 * keeps the entries' places in the list.
 */
export function chunkEntries(entries: readonly BulkEntry[], size = BULK_CHUNK_SIZE): { at: number[]; entries: BulkEntry[] }[] {
  const groups = new Map<string, number[]>();
  for (const [at, entry] of entries.entries()) {
    const key = normalized(entry.email);
    const group = groups.get(key);
    if (group && key !== "") group.push(at);
    else groups.set(key === "" ? `row-${at}` : key, [at]);
  }
  const byRole = [...groups.values()].sort((a, b) => roleOrder(entries, a) - roleOrder(entries, b));
  const chunks: { at: number[]; entries: BulkEntry[] }[] = [];
  let current: number[] = [];
  let currentRole: string | undefined;
  for (const group of byRole) {
    const role = entries[group[0] ?? 0]?.role.trim().toLowerCase();
    if (current.length > 0 && (current.length + group.length > size || role !== currentRole)) {
      chunks.push({ at: current, entries: current.map((at) => entries[at]).filter((entry) => entry !== undefined) });
      current = [];
    }
    currentRole = role;
    current.push(...group);
  }
  if (current.length > 0) chunks.push({ at: current, entries: current.map((at) => entries[at]).filter((entry) => entry !== undefined) });
  return chunks;

  function roleOrder(list: readonly BulkEntry[], group: number[]): number {
    const role = list[group[0] ?? 0]?.role.trim().toLowerCase() ?? "";
    const rank = roleNames.findIndex((name) => name === role);
    return rank === -1 ? roleNames.length : rank;
  }
}

/** One part of the list as the CSV file the action reads: what the browser sends, the server reads like any upload. */
export function entriesAsCsv(entries: readonly BulkEntry[]): string {
  return toCsv([["email", "role"], ...entries.map((entry) => [entry.email, entry.role])]);
}

/**
 * What a bulk send did: counted over every address the admin gave, so the numbers match what they typed, and an
 * address given twice (in any letter case) said as such rather than folded in silently.
 */
export function bulkSummary(results: readonly { ok: boolean; duplicate?: boolean }[], role?: RoleName): string {
  const sent = results.filter((result) => result.ok).length;
  const repeats = results.filter((result) => result.duplicate).length;
  const summary = `${sent} of ${results.length} ${results.length === 1 ? "address" : "addresses"} invited${role ? ` with ${roleLabels[role]} role` : ""}.`;
  if (!repeats) return summary;
  return `${summary} ${repeats === 1 ? "1 address was" : `${repeats} addresses were`} given twice (letter case aside) and got no second invitation.`;
}
