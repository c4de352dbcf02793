// An authorized agent's upload of the consumer's signed permission (11 CCR 7063(a)(1)):
// PDF, PNG or JPEG, told apart by their first bytes (never by the name or the browser's
// claimed type), at most MAX_PERMISSION_BYTES.
import { AppError } from "../core/errors";

export const MAX_PERMISSION_BYTES = 5 * 1024 * 1024;

const SIGNATURES: { type: "application/pdf" | "image/png" | "image/jpeg"; bytes: number[] }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

export type PermissionType = (typeof SIGNATURES)[number]["type"];

/** The file's real type from its magic bytes, or null. */
export function sniffPermissionType(bytes: Uint8Array): PermissionType | null {
  for (const signature of SIGNATURES) {
    if (bytes.length >= signature.bytes.length && signature.bytes.every((byte, index) => bytes[index] === byte))
      return signature.type;
  }
  return null;
}

/** Checks an upload; throws VALIDATION with the field `permission` when it is missing, too big or of another type. */
export function checkPermissionFile(bytes: Uint8Array | null | undefined): PermissionType {
  if (!bytes || bytes.length === 0)
    throw new AppError("VALIDATION", { reason: "PERMISSION_MISSING", field: "permission" });
  if (bytes.length > MAX_PERMISSION_BYTES)
    throw new AppError("VALIDATION", {
      reason: "PERMISSION_TOO_LARGE",
      field: "permission",
      params: { limitMb: MAX_PERMISSION_BYTES / 1024 / 1024 },
    });
  const type = sniffPermissionType(bytes);
  if (!type) throw new AppError("VALIDATION", { reason: "PERMISSION_TYPE", field: "permission" });
  return type;
}
