"use server";

import { z } from "zod";
import { ok, publicAction } from "@/lib/actions";
import { EMAIL_CATEGORIES } from "@/lib/email/unsubscribe";
import { emailCategoryInfo } from "@/lib/preferences/labels";
import { adjustWithToken, readUnsubscribeClaim, unsubscribeWithToken } from "@/lib/preferences/unsubscribe";
import { checkbox } from "@/lib/core/form";

// No session here: each action verifies the signed token itself.
const token = z.string().max(1000);

export const confirmUnsubscribe = publicAction(z.object({ token }), async (input) => {
  const claim = readUnsubscribeClaim(input.token);
  await unsubscribeWithToken({ claim, source: "EMAIL_LINK" });
  return ok(`You are unsubscribed from ${emailCategoryInfo[claim.category].label.toLowerCase()}.`);
});

const topics = z.object(Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, checkbox()])) as Record<(typeof EMAIL_CATEGORIES)[number], ReturnType<typeof checkbox>>);

export const adjustSubscriptions = publicAction(topics.extend({ token }), async ({ token: value, ...categories }) => {
  const claim = readUnsubscribeClaim(value);
  const result = await adjustWithToken({ claim, update: { categories } });
  return ok(result.changes.length ? "Your email choices are saved." : "Nothing changed: these were already your choices.");
});
