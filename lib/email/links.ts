/** The distinct http(s) links in an email's HTML, in order: what a developer clicks in the outbox. */
export function linksIn(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/href="(https?:\/\/[^"]+)"/g)) {
    links.add(match[1]!.replaceAll("&amp;", "&"));
  }
  return [...links];
}
