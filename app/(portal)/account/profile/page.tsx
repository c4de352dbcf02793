import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { formatDate } from "@/lib/core/format";
import { availableLocales, LOCALE_NAMES } from "@/lib/core/i18n/config";
import { getEditableProfile } from "@/lib/correction/profile";
import { isPseudoLocaleOffered, verifySession } from "@/lib/dal";
import { EmailChangeForm, LocaleForm, ProfileForm } from "./profile-forms";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("profile");
  return { title: t("title") };
}

export default async function ProfilePage() {
  const viewer = await verifySession();
  const profile = await getEditableProfile({ viewer });
  if (!profile) notFound();
  const t = await getTranslations("profile");
  const locale = await getLocale();
  const messages = await getMessages();
  const p = profile.profile;
  const strong = (chunks: ReactNode) => <strong className="[overflow-wrap:anywhere]">{chunks}</strong>;
  const currentEmail = (chunks: ReactNode) => (
    <strong className="[overflow-wrap:anywhere]" data-testid="current-email">
      {chunks}
    </strong>
  );
  return (
    // The forms are client components: they get the profile's words (and the shared ones).
    <NextIntlClientProvider messages={{ common: messages.common, profile: messages.profile }}>
      <div>
        <p className="mb-2 text-sm">
          <Link className="text-brand-700 underline" href="/account/data">
            {t("backToData")}
          </Link>
        </p>
        <PageHeader title={t("heading")} description={t("description")} />
        <Card>
          <h2 className="mb-4 text-lg font-semibold text-gray-900">{t("details.heading")}</h2>
          <ProfileForm
            values={{
              name: profile.name ?? "",
              displayName: p?.displayName ?? "",
              phone: p?.phone ?? "",
              company: p?.company ?? "",
              addressLine: p?.addressLine ?? "",
              city: p?.city ?? "",
              postalCode: p?.postalCode ?? "",
              country: p?.country ?? "",
            }}
          />
        </Card>
        <Card className="mt-6">
          <h2 className="text-lg font-semibold text-gray-900">{t("email.heading")}</h2>
          <p className="mt-2 text-gray-700">
            {t.rich("email.current", { email: profile.email, strong: currentEmail })}
          </p>
          {profile.pendingEmail ? (
            <p className="mt-2 text-sm text-gray-800" data-testid="pending-email">
              {t.rich("email.pending", {
                email: profile.pendingEmail.newEmail,
                expiresAt: formatDate(profile.pendingEmail.expiresAt, "dateTime", { locale }),
                strong,
              })}
            </p>
          ) : null}
          <div className="mt-4">
            <EmailChangeForm />
          </div>
        </Card>
        <Card className="mt-6">
          <h2 className="text-lg font-semibold text-gray-900" id="language-heading">
            {t("language.heading")}
          </h2>
          <p className="mt-2 text-gray-700">{t("language.description")}</p>
          <div className="mt-4">
            <LocaleForm
              saved={profile.locale ?? ""}
              options={availableLocales(isPseudoLocaleOffered()).map((value) => ({
                value,
                label: LOCALE_NAMES[value],
              }))}
            />
          </div>
        </Card>
      </div>
    </NextIntlClientProvider>
  );
}
