"use server";

import { z } from "zod";
import { adminAction, ok } from "@/lib/actions";
import {
  confirmTotpEnrolment,
  finishPasskeyRegistration,
  passkeyRegistrationOptions,
  regenerateRecoveryCodes,
  removeFactor,
  startTotpEnrolment,
} from "@/lib/auth/second-factor";
import {
  passkeyAnswerSchema,
  removePasskeySchema,
  resetAdminFactorsSchema,
  totpCodeInputSchema,
} from "@/lib/auth/schema";
import { resetAdminSecondFactor } from "@/lib/auth/second-factor-reset";
import { getSessionRef } from "@/lib/dal";

// Every change here needs the second factor passed within the step-up window (the wrapper
// checks it, and the domain functions check it again under a lock).
const stepUp = { stepUp: true } as const;

export const addPasskeyOptionsAction = adminAction(
  z.object({}),
  async (_input, { viewer, ip }) => {
    const options = await passkeyRegistrationOptions({ viewer, session: await getSessionRef(), ip });
    return ok("", { options: JSON.stringify(options) });
  },
  stepUp,
);

export const addPasskeyAction = adminAction(
  passkeyAnswerSchema,
  async (input, { viewer, ip }) => {
    await finishPasskeyRegistration({ viewer, session: await getSessionRef(), ip, response: input.response });
    return ok("Your passkey was added.");
  },
  stepUp,
);

export const startAppAction = adminAction(
  z.object({}),
  async (_input, { viewer, ip }) => {
    return ok("", await startTotpEnrolment({ viewer, session: await getSessionRef(), ip }));
  },
  stepUp,
);

export const confirmAppAction = adminAction(
  totpCodeInputSchema,
  async (input, { viewer, ip }) => {
    const { outcome } = await confirmTotpEnrolment({ viewer, session: await getSessionRef(), ip, code: input.code });
    return ok(outcome === "replaced" ? "Your authenticator app was replaced." : "Your authenticator app was added.");
  },
  stepUp,
);

export const removePasskeyAction = adminAction(
  removePasskeySchema,
  async (input, { viewer, ip }) => {
    await removeFactor({ viewer, session: await getSessionRef(), ip, factor: { method: "passkey", id: input.id } });
    return ok("The passkey was removed.");
  },
  stepUp,
);

export const removeAppAction = adminAction(
  z.object({}),
  async (_input, { viewer, ip }) => {
    await removeFactor({ viewer, session: await getSessionRef(), ip, factor: { method: "totp" } });
    return ok("Your authenticator app was removed.");
  },
  stepUp,
);

export const newRecoveryCodesAction = adminAction(
  z.object({}),
  async (_input, { viewer, ip }) => {
    return ok("", await regenerateRecoveryCodes({ viewer, session: await getSessionRef(), ip }));
  },
  stepUp,
);

export const resetAdminFactorsAction = adminAction(
  resetAdminFactorsSchema,
  async (input, { viewer, ip }) => {
    const { email } = await resetAdminSecondFactor({
      by: { kind: "admin", viewer, session: await getSessionRef(), ip },
      target: { userId: input.userId },
      reason: input.reason,
    });
    return ok(
      `The second factor of ${email} was reset. They have been emailed, and set up a new one the next time they open the admin area.`,
    );
  },
  stepUp,
);
