"use server";

import { cookies, headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { authedAction, ok } from "@/lib/actions";
import { env } from "@/lib/core/env";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, negotiateLocale, SOURCE_LOCALE } from "@/lib/core/i18n/config";
import { requestEmailChange, updateLocale, updateProfile } from "@/lib/correction/profile";
import { emailChangeSchema, localeSchema, profileSchema } from "@/lib/correction/schema";

const PROFILE_FIELDS = [
  "name",
  "displayName",
  "phone",
  "company",
  "addressLine",
  "city",
  "postalCode",
  "country",
] as const;

export const saveProfileAction = authedAction(
  profileSchema,
  async (input, { viewer, ip }) => {
    await updateProfile({ viewer, input, ip });
    revalidatePath("/account", "layout");
    const t = await getTranslations("profile");
    return ok(t("details.saved"));
  },
  // The typed values go back so the form keeps them after React resets it.
  { echo: PROFILE_FIELDS },
);

export const changeEmailAction = authedAction(
  emailChangeSchema,
  async (input, { viewer, ip }) => {
    await requestEmailChange({ viewer, newEmail: input.newEmail, ip });
    revalidatePath("/account/profile");
    const t = await getTranslations("profile");
    return ok(t("email.sent", { email: input.newEmail }));
  },
  { echo: ["newEmail"] },
);

/** The language setting: saved on the account (it wins on every device), and in this browser's cookie. */
export const saveLocaleAction = authedAction(localeSchema, async (input, { viewer, ip }) => {
  await updateLocale({ viewer, locale: input.locale, ip });
  const jar = await cookies();
  if (input.locale)
    jar.set(LOCALE_COOKIE, input.locale, {
      path: "/",
      maxAge: LOCALE_COOKIE_MAX_AGE,
      sameSite: "lax",
      secure: new URL(env().APP_URL).protocol === "https:",
    });
  else jar.delete(LOCALE_COOKIE);
  revalidatePath("/", "layout");
  // In the language just chosen (or the browser's, when following it): the first thing said in it.
  const locale = input.locale ?? negotiateLocale((await headers()).get("accept-language")) ?? SOURCE_LOCALE;
  const t = await getTranslations({ locale, namespace: "profile" });
  return ok(t("language.saved"));
});
