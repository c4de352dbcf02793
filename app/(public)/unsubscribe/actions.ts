"use server";

import { ok, publicAction } from "@/lib/actions";
import { emailCategoryInfo } from "@/lib/preferences/labels";
import { adjustSubscriptionsSchema, unsubscribeSchema } from "@/lib/preferences/schema";
import { adjustWithToken, readUnsubscribeClaim, unsubscribeWithToken } from "@/lib/preferences/unsubscribe";

// No session here: each action verifies the signed token itself.
export const confirmUnsubscribe = publicAction(unsubscribeSchema, async (input) => {
  const claim = readUnsubscribeClaim(input.token);
  await unsubscribeWithToken({ claim, source: "EMAIL_LINK" });
  return ok(`You are unsubscribed from ${emailCategoryInfo[claim.category].label.toLowerCase()}.`);
});

export const adjustSubscriptions = publicAction(adjustSubscriptionsSchema, async ({ token: value, ...categories }) => {
  const claim = readUnsubscribeClaim(value);
  const result = await adjustWithToken({ claim, update: { categories } });
  return ok(
    result.changes.length ? "Your email choices are saved." : "Nothing changed: these were already your choices.",
  );
});
