// Who is asking. Resolved once per request by lib/dal.ts; domain functions take
// it and check roles themselves, so a missing page-level check cannot open them.
import { AppError } from "./errors";

export type Viewer = {
  userId: string;
  email: string;
  name: string | null;
  role: "USER" | "ADMIN";
  /** The language saved on the profile (lib/core/i18n/config.ts), or null: follow the browser. */
  locale?: string | null;
};
export type AdminViewer = Viewer & { role: "ADMIN" };

/** Fails closed unless the viewer is on the privacy team. */
export function assertAdmin(viewer: Viewer | null | undefined): asserts viewer is AdminViewer {
  if (!viewer || viewer.role !== "ADMIN" || !viewer.userId) throw new AppError("FORBIDDEN", { reason: "ADMIN_ONLY" });
}

/** Fails closed unless there is a viewer with an id (never query with `userId: undefined`). */
export function assertViewer(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer || typeof viewer.userId !== "string" || viewer.userId.length === 0) throw new AppError("UNAUTHENTICATED");
}
