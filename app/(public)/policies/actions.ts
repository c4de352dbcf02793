"use server";

import { cookies } from "next/headers";
import { authedAction, ok, publicAction } from "@/lib/actions";
import { BANNER_COOKIE, dismissPolicyBanner } from "@/lib/policies/banner";
import { dismissBannerSchema } from "@/lib/policies/schema";
import { setMinorNoticeOptIn } from "@/lib/preferences/policy-notices";
import { minorNoticeOptInSchema } from "@/lib/preferences/schema";

export const updateMinorNoticeOptIn = authedAction(minorNoticeOptInSchema, async (input, { viewer }) => {
  const enabled = input.enabled === "on";
  await setMinorNoticeOptIn({ userId: viewer.userId, enabled });
  return ok(
    enabled ? "We will email you about minor changes too." : "We will only email you about substantive changes.",
    { enabled },
  );
});

/** Hides a policy notice banner: per account when signed in, per browser otherwise. */
export const dismissPolicyBannerAction = publicAction(dismissBannerSchema, async (input, { viewer }) => {
  if (viewer) {
    await dismissPolicyBanner({ userId: viewer.userId, versionId: input.versionId });
  } else {
    const jar = await cookies();
    const ids = new Set((jar.get(BANNER_COOKIE)?.value ?? "").split(",").filter(Boolean));
    ids.add(input.versionId);
    jar.set(BANNER_COOKIE, [...ids].slice(-10).join(","), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 60 * 60 * 24 * 120,
    });
  }
  // Nothing to revalidate: pages are the same for everyone; the banner asks /api/visitor again.
  return ok("Notice dismissed.");
});
