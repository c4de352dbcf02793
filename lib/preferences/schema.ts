// Input schemas of preferences: email topics (in the portal and through an
// unsubscribe link), cookies, telemetry, and minor policy-change notices.
import { z } from "zod";
import { checkbox, id } from "../core/form";
import { EMAIL_CATEGORIES } from "../email/unsubscribe";

export const emailPreferencesSchema = z.object({
  PRODUCT_NEWS: checkbox(),
  PROMOTIONS: checkbox(),
  BLOG_COMMENTS: checkbox(),
  trackingAllowed: checkbox(),
});

export const sampleEmailSchema = z.object({ category: z.enum(EMAIL_CATEGORIES, { message: "Choose a topic." }) });

// An unsubscribe link's signed token (no session: each action verifies it).
const token = z.string().max(1000);
const topics = z.object(
  Object.fromEntries(EMAIL_CATEGORIES.map((category) => [category, checkbox()])) as Record<
    (typeof EMAIL_CATEGORIES)[number],
    ReturnType<typeof checkbox>
  >,
);

export const unsubscribeSchema = z.object({ token });
export const adjustSubscriptionsSchema = topics.extend({ token });

export const cookieChoiceSchema = z.object({ analytics: z.boolean(), advertising: z.boolean() });

export const telemetrySwitchSchema = z.object({
  enabled: z.enum(["true", "false"]).transform((value) => value === "true"),
  purge: checkbox(),
});
export const installTelemetrySwitchSchema = telemetrySwitchSchema.extend({ clusterId: id() });

export const minorNoticeOptInSchema = z.object({ enabled: z.enum(["on", "off"]) });
