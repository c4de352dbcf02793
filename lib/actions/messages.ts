// The one place where domain errors become words for people. Domain functions
// throw AppError(code, { reason, params }); actions (lib/actions/index.ts) and
// pages call describeError() to show it. The words are in the catalogues,
// messages/<locale>/errors.json (ICU: plurals and numbers through Intl): add a
// reason to messages/en/errors.json and its translations when you add one
// (tests/unit/app-errors.test.ts and tests/unit/i18n-catalogues.test.ts check).
import type { AppError, AppErrorParams } from "../core/errors";
import { SOURCE_LOCALE, type AppLocale } from "../core/i18n/config";
import { getMessagesFor, translatorFor } from "../core/i18n/messages";

type ErrorLike = Pick<AppError, "code" | "reason" | "params">;

/** Parameters as the messages use them: a wait in seconds is also offered in whole minutes (at least 1). */
function messageParams(params: AppErrorParams): AppErrorParams {
  const seconds = Number(params.retryAfterSeconds);
  if (params.retryAfterSeconds === undefined || !Number.isFinite(seconds)) return params;
  return { ...params, retryAfterMinutes: Math.max(1, Math.ceil(seconds / 60)) };
}

function hasReason(locale: AppLocale, code: string, reason: string): boolean {
  const byReason = getMessagesFor(locale).errors.byReason as Record<string, Record<string, string> | undefined>;
  return typeof byReason[code]?.[reason] === "string";
}

/**
 * Words for an AppError in `locale` (English unless given); null stands for an unexpected failure.
 * Server actions pass the request's language (lib/actions/index.ts); pages use
 * describeErrorForRequest() from there. Machine-facing answers (telemetry, DRP) stay English.
 */
export function describeError(error: ErrorLike | null, locale: AppLocale = SOURCE_LOCALE): string {
  const t = translatorFor(locale);
  if (!error) return t("errors.byCode.UNAVAILABLE");
  if (error.reason && hasReason(locale, error.code, error.reason)) {
    try {
      // The key is built from data: hasReason() checked it exists.
      return t(`errors.byReason.${error.code}.${error.reason}`, messageParams(error.params ?? {}));
    } catch {
      // A parameter the words need is missing: the code's general words rather than a broken sentence.
    }
  }
  return t(`errors.byCode.${error.code}`);
}

/** The words a form shows above its field errors (errors.form.*) in `locale`. */
export function describeFormProblem(kind: "fixFields" | "unreadable", locale: AppLocale = SOURCE_LOCALE): string {
  return translatorFor(locale)(`errors.form.${kind}`);
}

/**
 * A field message from a zod schema in `locale`: a schema may name a catalogue key
 * ("errors.fields.locale") instead of English words; words pass unchanged until phase 2 of
 * issue 22 moves every schema's messages into the catalogue (notes/issue-22.md).
 */
export function describeFieldMessage(message: string, locale: AppLocale = SOURCE_LOCALE): string {
  const match = /^errors\.fields\.([A-Za-z0-9_]+)$/.exec(message);
  if (!match) return message;
  const fields = getMessagesFor(locale).errors.fields as Record<string, string | undefined>;
  return fields[match[1]!] ?? message;
}
