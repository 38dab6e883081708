import type { z } from "zod";

/** What every form's server action answers: the whole set of field errors, not just the first. */
export type FormState<Field extends string = string> = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Partial<Record<Field, string[]>>;
  /** What the visitor typed (never a password), so a form re-rendered without JavaScript keeps it. */
  values?: Partial<Record<Field, string>>;
};

export const idleState: FormState = { status: "idle" };

/**
 * Reads plain string fields from FormData, the last value of a repeated key (an action that takes a list names it,
 * and reads it with formLists); files are read apart (formFiles).
 * Anyone can call an action with any arguments, not just React with a FormData: anything else reads
 * as an empty form, which the action's schema then refuses in words, instead of a crash and a 500.
 */
export function formValues(formData: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!(formData instanceof FormData)) return values;
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

/** The fields a form sends once per ticked box (a bulk form's `ids`), each as the list of its string values. */
export function formLists(formData: unknown, keys: readonly string[]): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const key of keys) {
    lists[key] = formData instanceof FormData ? formData.getAll(key).filter((value) => typeof value === "string") : [];
  }
  return lists;
}

/** The files a form sent, by field; a file input left empty sends a nameless, empty file, which is no file. */
export function formFiles(formData: unknown): Record<string, File> {
  const files: Record<string, File> = {};
  if (!(formData instanceof FormData)) return files;
  for (const [key, value] of formData) {
    if (typeof value !== "string" && (value.size > 0 || value.name !== "")) files[key] = value;
  }
  return files;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
