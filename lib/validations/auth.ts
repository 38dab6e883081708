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
