import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui";
import { getEnrolment } from "@/lib/auth/second-factor";
import { verifySession } from "@/lib/dal";
import {
  passkeyOptionsAction,
  passkeyRegisterAction,
  passkeyVerifyAction,
  recoveryCodeAction,
  totpConfirmAction,
  totpStartAction,
  totpVerifyAction,
} from "./actions";
import { EnrolPanel, VerifyPanel } from "./panels";

export const metadata: Metadata = { title: "Confirm it's you", robots: { index: false } };
export const dynamic = "force-dynamic";

const ACTIONS = {
  passkeyOptions: passkeyOptionsAction,
  passkeyRegister: passkeyRegisterAction,
  passkeyVerify: passkeyVerifyAction,
  totpStart: totpStartAction,
  totpConfirm: totpConfirmAction,
  totpVerify: totpVerifyAction,
  recovery: recoveryCodeAction,
};

/** The admin area's second factor: enrolment on the first visit, then a check per session (and for step-up). */
export default async function AdminVerifyPage(props: { searchParams: Promise<{ next?: string }> }) {
  const viewer = await verifySession();
  if (viewer.role !== "ADMIN") notFound();
  const { next } = await props.searchParams;
  const target = typeof next === "string" && /^\/admin(\/|$|\?)/.test(next) ? next : "/admin";
  const enrolment = await getEnrolment(viewer.userId);
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">
          {enrolment.isEnrolled ? "Confirm it's you" : "Protect the admin area"}
        </h1>
        <p className="mt-2 mb-6 text-gray-700">
          {enrolment.isEnrolled
            ? "The privacy team's tools need your second factor in each session, and again within 10 minutes before publishing, sending to everyone or erasing accounts."
            : "The privacy team can see and erase everyone's data, so the admin area needs a second factor besides your emailed link. Set one up now; it takes a minute."}
        </p>
        {enrolment.isEnrolled ? (
          <VerifyPanel
            actions={ACTIONS}
            next={target}
            hasPasskey={enrolment.passkeys.length > 0}
            hasTotp={enrolment.hasTotp}
          />
        ) : (
          <EnrolPanel actions={ACTIONS} next={target} />
        )}
        {enrolment.isEnrolled ? (
          <p className="mt-6 text-sm text-gray-700">
            To add a passkey, replace your authenticator app or make new recovery codes, confirm it&apos;s you here,
            then open Security in the admin area. Lost everything? Ask another admin to reset your second factor.
          </p>
        ) : null}
      </Card>
    </div>
  );
}
