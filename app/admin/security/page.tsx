import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Card, inputClass, labelClass, PageHeader } from "@/components/ui";
import { getEnrolment, STEP_UP_MINUTES } from "@/lib/auth/second-factor";
import { listAdminSecondFactors } from "@/lib/auth/second-factor-reset";
import { getAdminState, requireAdmin } from "@/lib/dal";
import {
  addPasskeyAction,
  addPasskeyOptionsAction,
  confirmAppAction,
  newRecoveryCodesAction,
  removeAppAction,
  removePasskeyAction,
  resetAdminFactorsAction,
  startAppAction,
} from "./actions";
import { AddPasskey, AppSetup, NewRecoveryCodes } from "./panels";
import { formatDate } from "@/lib/core/format";
import { EmptyState } from "@/components/empty-state";

export const metadata: Metadata = { title: "Security" };
export const dynamic = "force-dynamic";

function factorsOf(admin: { hasTotp: boolean; passkeys: number; recoveryCodesLeft: number }): string {
  const parts = [
    admin.passkeys ? `${admin.passkeys} passkey${admin.passkeys === 1 ? "" : "s"}` : null,
    admin.hasTotp ? "authenticator app" : null,
  ].filter(Boolean);
  if (!parts.length) return "No second factor set up";
  return `${parts.join(", ")}; ${admin.recoveryCodesLeft} recovery code${admin.recoveryCodesLeft === 1 ? "" : "s"} left`;
}

/** The admin's own second factor, and break-glass resets of the other admins'. */
export default async function SecurityPage() {
  const viewer = await requireAdmin();
  const [enrolment, admins, state] = await Promise.all([
    getEnrolment(viewer.userId),
    listAdminSecondFactors({ admin: viewer }),
    getAdminState(),
  ]);
  const factorCount = enrolment.passkeys.length + (enrolment.hasTotp ? 1 : 0);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Security"
        description={`Every change below needs your second factor within the last ${STEP_UP_MINUTES} minutes, and each one is emailed to the admin concerned and written to the audit log.`}
      />
      <p className="text-sm text-gray-700">
        {state.passedAt ? `You last confirmed it was you at ${formatDate(state.passedAt, "dateTime")} UTC. ` : null}
        <Link className="font-semibold text-brand-700 underline" href="/admin-verify?next=/admin/security">
          Confirm it&apos;s you
        </Link>
      </p>

      <section aria-labelledby="own-heading" className="space-y-4">
        <h2 id="own-heading" className="text-xl font-semibold">
          Your second factor
        </h2>
        <Card className="space-y-4">
          <h3 className="font-semibold">Passkeys</h3>
          {enrolment.passkeys.length === 0 ? <EmptyState variant="plain" title="No passkey yet." /> : null}
          <ul className="space-y-3">
            {enrolment.passkeys.map((passkey) => (
              <li
                key={passkey.id}
                className="flex flex-wrap items-center justify-between gap-3 border-t border-gray-100 pt-3 text-sm"
              >
                <span>
                  <span className="font-medium">{passkey.name}</span>
                  <span className="block text-gray-700">
                    {passkey.lastUsedAt
                      ? `Last used ${formatDate(passkey.lastUsedAt, "dateTime")} UTC`
                      : "Not used yet"}
                  </span>
                </span>
                {factorCount > 1 ? (
                  <ActionForm
                    action={removePasskeyAction}
                    submitLabel={`Remove passkey “${passkey.name}”`}
                    pendingLabel="Removing…"
                    variant="secondary"
                    confirm="Remove this passkey? It will no longer open the admin area."
                  >
                    <input type="hidden" name="id" value={passkey.id} />
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
          <AddPasskey options={addPasskeyOptionsAction} finish={addPasskeyAction} />
        </Card>
        <Card className="space-y-4">
          <h3 className="font-semibold">Authenticator app</h3>
          <p className="text-sm text-gray-700">
            {enrolment.hasTotp
              ? "Set up. Replacing it keeps the current app working until a code from the new one is confirmed."
              : "Not set up."}
          </p>
          <AppSetup
            start={startAppAction}
            confirm={confirmAppAction}
            label={enrolment.hasTotp ? "Replace authenticator app" : "Set up an authenticator app"}
          />
          {enrolment.hasTotp && factorCount > 1 ? (
            <ActionForm
              action={removeAppAction}
              submitLabel="Remove authenticator app"
              pendingLabel="Removing…"
              variant="secondary"
              confirm="Remove your authenticator app? Its codes will no longer open the admin area."
            />
          ) : null}
        </Card>
        <Card className="space-y-4">
          <h3 className="font-semibold">Recovery codes</h3>
          <p className="text-sm text-gray-700">
            {enrolment.recoveryCodesLeft} of 10 left. Making new codes stops the old ones from working.
          </p>
          <NewRecoveryCodes action={newRecoveryCodesAction} />
        </Card>
      </section>

      <section aria-labelledby="team-heading" className="space-y-4">
        <h2 id="team-heading" className="text-xl font-semibold">
          The privacy team&apos;s second factors
        </h2>
        <p className="max-w-2xl text-sm text-gray-700">
          An admin who lost every passkey, app and recovery code can be reset here by another admin. Confirm who is
          asking first (in person or by a call, never only by email): after a reset, whoever opens their sign-in email
          sets up the new factor. Both of you are emailed. You cannot reset your own.
        </p>
        <ul className="space-y-3">
          {admins.map((admin) => (
            <li key={admin.userId}>
              <Card className="space-y-3">
                <p>
                  <span className="font-medium">{admin.email}</span>
                  {admin.name ? <span className="text-gray-700"> ({admin.name})</span> : null}
                  {admin.isYou ? <span className="text-gray-700"> (you)</span> : null}
                  <span className="block text-sm text-gray-700">{factorsOf(admin)}</span>
                </p>
                {admin.isYou ? null : (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-gray-900">
                      Reset this admin&apos;s second factor
                    </summary>
                    <ActionForm
                      action={resetAdminFactorsAction}
                      label={`Reset the second factor of ${admin.email}`}
                      submitLabel="Reset second factor"
                      pendingLabel="Resetting…"
                      variant="danger"
                      className="mt-3 space-y-3"
                    >
                      <input type="hidden" name="userId" value={admin.userId} />
                      <div className="space-y-1">
                        <label className={labelClass} htmlFor={`reason-${admin.userId}`}>
                          Reason
                        </label>
                        <input className={inputClass} id={`reason-${admin.userId}`} name="reason" maxLength={300} />
                      </div>
                      <label className="flex items-start gap-2 text-sm">
                        <input type="checkbox" name="confirm" className="mt-1" />
                        <span>I have confirmed with {admin.email} who is asking, other than by email.</span>
                      </label>
                    </ActionForm>
                  </details>
                )}
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
