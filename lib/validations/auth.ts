import { z } from "zod";
import { lineOfText } from "@/lib/validations/text";

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

export const signInSchema = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(128, "That password is too long."),
  next: z.string().optional(),
});

/** A person's name: what sign-up asks for, and all Better Auth may store (lib/auth/server.ts checks every user it writes). */
export const nameSchema = lineOfText({
  required: "Enter your name.",
  invalid: "Your name can only hold printable characters, on one line.",
})
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Keep your name under 100 characters.");

/** A profile picture is a web address: anything else in `image` is data no page should ever put in an <img src>. */
export const imageSchema = z
  .string()
  .max(2048, "That image address is too long.")
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "The image must be an http(s) address.");

export const signUpSchema = z.object({
  name: nameSchema,
  email,
  password: z
    .string({ error: "Choose a password." })
    .min(8, "Use at least 8 characters for your password.")
    .max(128, "Use at most 128 characters for your password."),
  next: z.string().optional(),
});

/**
 * A sign-in link by email, from the sign-in form (no name) or the sign-up form (a name for the account the link may
 * create). A password typed into the same form is not read.
 */
export const magicLinkSchema = z.object({
  email,
  name: nameSchema.optional(),
  next: z.string().optional(),
});

/** The second factor at sign-in: a 6-digit code from the authenticator app, or one of the backup codes (`abcde-12345`). */
export const secondFactorSchema = z.object({
  code: z
    .string({ error: "Enter the code from your authenticator app." })
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(
      z
        .string()
        .min(1, "Enter the code from your authenticator app.")
        .regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, "Enter the 6-digit code from your app, or a backup code like abcde-12345."),
    ),
  next: z.string().optional(),
});

/** Turning two-factor on or off: the account's password, as Better Auth asks for both. */
export const twoFactorPasswordSchema = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(128, "That password is too long."),
});

/** The first code from the authenticator app, which proves it holds the secret. */
export const totpCodeSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your authenticator app." })
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.")),
});
