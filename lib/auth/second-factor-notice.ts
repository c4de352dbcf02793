// Every change to an admin's second factor is emailed to the admin (issue 17; like GitHub and
// Google): enrolment, an added or replaced factor, a removal, a recovery code used, new codes,
// and a break-glass reset (to both admins). Transactional mail: always sent, no unsubscribe.
import "server-only";
import { createElement } from "react";
import { now } from "../core/clock";
import { sendEmail } from "../email/send";
import {
  SecondFactorChangedEmail,
  secondFactorSubject,
  type SecondFactorEvent,
} from "../email/templates/second-factor-changed";
import { env } from "../core/env";
import { log } from "../core/log";

/** Sent after the change committed: a failed send is logged and never undoes the change. */
export async function sendSecondFactorNotice(to: string, event: SecondFactorEvent): Promise<boolean> {
  try {
    const template = createElement(SecondFactorChangedEmail, {
      companyName: env().COMPANY_NAME,
      event,
      at: await now(),
      securityUrl: `${env().APP_URL}/admin/security`,
    });
    await sendEmail({ to, subject: secondFactorSubject(event), template });
    return true;
  } catch (error) {
    log.error("second-factor notice failed", { error, kind: event.kind });
    return false;
  }
}
