// zod pieces for HTML form fields, used by action schemas: a checkbox is
// present ("on") or absent, and a repeated field arrives as an array.
import { z } from "zod";

/** A checkbox: "on"/"true" (or true) is checked; absent is unchecked. */
export const checkbox = () => z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/** An id from a hidden field. */
export const id = (max = 64) => z.string().trim().min(1).max(max);

/** A field that may be sent once or several times (checkbox groups, multi-selects). */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item));

/** Optional free text: trimmed, "" becomes null. */
export const optionalText = (max: number, message?: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : null));
