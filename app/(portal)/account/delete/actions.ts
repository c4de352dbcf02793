"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction, ok } from "@/lib/actions";
import { sendSignInLink } from "@/lib/auth/magic-link";
import { consumeSignInAttempt } from "@/lib/auth/rate-limit";
import { getSignedInAt } from "@/lib/dal";
import { createReceiptToken } from "@/lib/erasure/request";
import { deleteAccountSchema } from "@/lib/erasure/schema";
import { startSelfErasure } from "@/lib/erasure/self-service";

/** A fresh magic link to the account's own address, leading back to this page. */
export const sendFreshSignInLinkAction = authedAction(z.object({}), async (_input, { viewer, ip }) => {
  await consumeSignInAttempt(viewer.email, ip);
  await sendSignInLink(viewer.email, "/account/delete");
  return ok(
    `We sent a sign-in link to ${viewer.email}. Open it within 10 minutes to come back here and delete your account.`,
  );
});

export const deleteAccountAction = authedAction(
  deleteAccountSchema,
  async (input, { viewer, ip }) => {
    const { erasureId } = await startSelfErasure({
      viewer,
      confirmEmail: input.confirmEmail,
      signedInAt: await getSignedInAt(viewer),
      ip,
    });
    redirect(`/account-deleted?receipt=${encodeURIComponent(createReceiptToken(erasureId))}`);
  },
  { invalidMessage: "Type your email address to confirm." },
);
