/** A role with its article, as a sentence says it: "an admin", "a moderator". */
export function aRole(role: string): string {
  return `${/^[aeiou]/i.test(role) ? "an" : "a"} ${role}`;
}

/** The subject, and heading, of an invitation's one reminder: the same for a sign-up and an upgrade. */
export function reminderSubject(inviterName: string, role: string): string {
  return `Reminder: ${inviterName} invited you to become ${aRole(role)}`;
}
