// Input schema of the sign-in form.
import { z } from "zod";

export const signInSchema = z.object({
  email: z
    .string({ message: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  callbackUrl: z.string().max(500).optional(),
});
