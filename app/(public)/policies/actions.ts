"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/dal";
import { BANNER_COOKIE, dismissPolicyBanner, setMinorNoticeOptIn } from "@/lib/policies/banner";

export type OptInState = { ok: true; message: string } | { ok: false; message: string } | null;

export async function updateMinorNoticeOptIn(_previous: OptInState, formData: FormData): Promise<OptInState> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, message: "Sign in to choose which notices you receive." };
  const parsed = z.object({ enabled: z.enum(["on", "off"]) }).safeParse({ enabled: formData.get("enabled") });
  if (!parsed.success) return { ok: false, message: "Something went wrong; please try again." };
  await setMinorNoticeOptIn({ userId: viewer.userId, enabled: parsed.data.enabled === "on" });
  revalidatePath("/policies", "layout");
  return { ok: true, message: parsed.data.enabled === "on" ? "We will email you about minor changes too." : "We will only email you about substantive changes." };
}

/** Hides a policy notice banner: per account when signed in, per browser otherwise. */
export async function dismissPolicyBannerAction(formData: FormData): Promise<void> {
  const parsed = z.object({ versionId: z.string().min(1).max(64) }).safeParse({ versionId: formData.get("versionId") });
  if (!parsed.success) return;
  const viewer = await getViewer();
  if (viewer) {
    await dismissPolicyBanner({ userId: viewer.userId, versionId: parsed.data.versionId });
  } else {
    const { cookies } = await import("next/headers");
    const jar = await cookies();
    const ids = new Set((jar.get(BANNER_COOKIE)?.value ?? "").split(",").filter(Boolean));
    ids.add(parsed.data.versionId);
    jar.set(BANNER_COOKIE, [...ids].slice(-10).join(","), { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 120 });
  }
  revalidatePath("/", "layout");
}
