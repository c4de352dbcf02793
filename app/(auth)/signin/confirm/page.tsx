import type { Metadata } from "next";
import { z } from "zod";
import { Alert, Card, MessageCard, inputClass, labelClass } from "@/components/ui";
import { isNewAccountAddress } from "@/lib/auth/new-account";
import { getVerificationTokenState } from "@/lib/auth/verification-token";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { monthNames } from "@/lib/core/format";

export const metadata: Metadata = { title: "Confirm sign-in" };

const searchSchema = z.object({
  token: textParam(200).optional(),
  email: textParam(320).optional(),
  callbackUrl: textParam(2000).optional(),
  error: textParam(20).optional(),
});

const MONTHS = monthNames();

// Opening the emailed link only shows this page; nothing is used up until
// the person presses the button (a POST), so link scanners do no harm.
export default async function ConfirmSignInPage(props: { searchParams: Promise<SearchParams> }) {
  // A link that was changed (control characters, absurd lengths) is simply not valid.
  const { token, email, callbackUrl, error } = parseSearchParams(searchSchema, await props.searchParams).data;
  const state = token && email ? await getVerificationTokenState(email, token) : "unknown";
  if (state !== "valid") {
    return (
      <MessageCard title="This link no longer works" link={{ href: "/signin", label: "Get a new sign-in link" }}>
        {state === "expired"
          ? "The sign-in link has expired. Links are valid for 10 minutes."
          : "The sign-in link has already been used or is not valid."}
      </MessageCard>
    );
  }
  const isNewAccount = await isNewAccountAddress(email!);
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: 110 }, (_, index) => thisYear - index);
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="text-2xl font-bold text-gray-900">{isNewAccount ? "Create your account" : "Confirm sign-in"}</h1>
        <p className="mt-2 text-gray-700">
          {isNewAccount ? "Welcome! One question before we set up your account for " : "You are signing in as "}
          <strong className="break-all">{email}</strong>.
        </p>
        <form method="post" action="/api/auth/confirm" className="mt-6 space-y-5">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="email" value={email} />
          {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
          {error === "age" ? <Alert tone="error">Please choose your birth month and year.</Alert> : null}
          {isNewAccount ? (
            <fieldset className="space-y-3">
              <legend className={labelClass}>When were you born?</legend>
              <p className="text-sm text-gray-700" id="birth-hint">
                We ask everyone this. We only keep whether you may have an account, not the date.
              </p>
              <div className="grid grid-cols-2 gap-3">
                <div>
                  <label htmlFor="birthMonth" className="text-sm text-gray-800">
                    Month
                  </label>
                  <select
                    id="birthMonth"
                    name="birthMonth"
                    required
                    defaultValue=""
                    aria-describedby="birth-hint"
                    className={inputClass}
                  >
                    <option value="" disabled>
                      Month
                    </option>
                    {MONTHS.map((month, index) => (
                      <option key={month} value={index + 1}>
                        {month}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="birthYear" className="text-sm text-gray-800">
                    Year
                  </label>
                  <select
                    id="birthYear"
                    name="birthYear"
                    required
                    defaultValue=""
                    aria-describedby="birth-hint"
                    className={inputClass}
                  >
                    <option value="" disabled>
                      Year
                    </option>
                    {years.map((year) => (
                      <option key={year} value={year}>
                        {year}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </fieldset>
          ) : null}
          <button
            type="submit"
            className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            {isNewAccount ? "Create account and sign in" : "Sign in"}
          </button>
        </form>
      </Card>
    </div>
  );
}
