import { z } from "zod";

/**
 * Text that can be stored as it was sent. PostgreSQL refuses a NUL byte in
 * text ("invalid byte sequence", a 500 if it gets that far), and a lone UTF-16
 * surrogate is silently turned into U+FFFD on the way to the database: both are
 * refused here, at the edge, as a validation error.
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** A string input of the plugin: `z.string()` that refuses what the database cannot keep. */
export function text() {
  return z.string().refine(isStorableText, { message: "Contains a NUL byte or malformed Unicode" });
}
