"use server";

import { z } from "zod";
import { authedAction, ok } from "@/lib/actions";
import {
  confirmTotpEnrolment,
  finishPasskeyAuthentication,
  finishPasskeyRegistration,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  startTotpEnrolment,
  useRecoveryCode,
  verifyTotp,
} from "@/lib/auth/second-factor";
import { passkeyAnswerSchema, passkeyOptionsSchema, recoveryCodeSchema, totpCodeInputSchema } from "@/lib/auth/schema";
import { getSessionRef } from "@/lib/dal";

// Signed in but not yet past the second factor: these are authed actions; every domain
// function checks the admin role itself, and enrolment is open only to an admin with no
// confirmed factor (anyone else needs step-up: see lib/auth/second-factor.ts).

export const passkeyOptionsAction = authedAction(passkeyOptionsSchema, async (input, { viewer, ip }) => {
  const context = { viewer, session: await getSessionRef(), ip };
  const options =
    input.purpose === "register"
      ? await passkeyRegistrationOptions(context)
      : await passkeyAuthenticationOptions(context);
  return ok("", { options: JSON.stringify(options) });
});

export const passkeyRegisterAction = authedAction(passkeyAnswerSchema, async (input, { viewer, ip }) => {
  const { recoveryCodes } = await finishPasskeyRegistration({
    viewer,
    session: await getSessionRef(),
    ip,
    response: input.response,
  });
  return ok("Your passkey is set up.", { recoveryCodes });
});

export const passkeyVerifyAction = authedAction(passkeyAnswerSchema, async (input, { viewer, ip }) => {
  await finishPasskeyAuthentication({ viewer, session: await getSessionRef(), ip, response: input.response });
  return ok("Verified with your passkey.");
});

export const totpStartAction = authedAction(z.object({}), async (_input, { viewer, ip }) => {
  const enrolment = await startTotpEnrolment({ viewer, session: await getSessionRef(), ip });
  return ok("", enrolment);
});

export const totpConfirmAction = authedAction(totpCodeInputSchema, async (input, { viewer, ip }) => {
  const { recoveryCodes } = await confirmTotpEnrolment({
    viewer,
    session: await getSessionRef(),
    ip,
    code: input.code,
  });
  return ok("Your authenticator app is set up.", { recoveryCodes });
});

export const totpVerifyAction = authedAction(totpCodeInputSchema, async (input, { viewer, ip }) => {
  await verifyTotp({ viewer, session: await getSessionRef(), ip, code: input.code });
  return ok("Verified.");
});

export const recoveryCodeAction = authedAction(recoveryCodeSchema, async (input, { viewer, ip }) => {
  const { left } = await useRecoveryCode({ viewer, session: await getSessionRef(), ip, code: input.recoveryCode });
  return ok(
    `Verified with a recovery code. ${left} code${left === 1 ? "" : "s"} left${left <= 3 ? ": make new ones on the Security page soon" : ""}.`,
  );
});
