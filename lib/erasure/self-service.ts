// "Delete my account": the person's own erasure, allowed only within a few
// minutes of signing in and after typing the account's address.
import "server-only";
import { assertViewer, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { requestErasure } from "./request";

export const FRESH_SIGN_IN_MINUTES = 10;

export async function isSignInFresh(signedInAt: Date | null): Promise<boolean> {
  if (!signedInAt) return false;
  return (await now()).getTime() - signedInAt.getTime() <= FRESH_SIGN_IN_MINUTES * 60_000;
}

export async function startSelfErasure(options: {
  viewer: Viewer;
  confirmEmail: string;
  signedInAt: Date | null;
  ip?: string | null;
}) {
  assertViewer(options.viewer);
  if (!(await isSignInFresh(options.signedInAt)))
    throw new AppError("FORBIDDEN", { reason: "FRESH_SIGN_IN_REQUIRED", params: { minutes: FRESH_SIGN_IN_MINUTES } });
  if (options.confirmEmail.trim().toLowerCase() !== options.viewer.email.toLowerCase()) {
    throw new AppError("VALIDATION", { reason: "CONFIRM_EMAIL_MISMATCH", field: "confirmEmail" });
  }
  return requestErasure({ userId: options.viewer.userId, requester: { kind: "SELF" }, ip: options.ip });
}
