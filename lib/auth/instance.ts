// Auth.js configuration: magic links over nodemailer, database sessions
// through the Prisma adapter. The emailed link opens /signin/confirm, whose
// POST (app/api/auth/confirm) is the only way a link signs anyone in. Auth.js's
// own HTTP routes are not served (app/api/auth/[...nextauth]/route.ts): the
// portal calls it only in-process, from the sign-in form and the confirm POST.
import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import { createElement } from "react";
import { env } from "@/lib/core/env";
import { sendEmail } from "@/lib/email/send";
import { SignInEmail } from "@/lib/email/templates/sign-in";
import { createAuthAdapter } from "@/lib/auth/adapter";
import { buildConfirmPageUrl } from "@/lib/auth/confirm-url";
import { initialiseNewAccount } from "@/lib/auth/new-account";
import { recordAudit } from "@/lib/audit/record";

export const MAGIC_LINK_MINUTES = 10;

function buildConfig(): NextAuthConfig {
  const config = env();
  const providers: NextAuthConfig["providers"] = [
    Nodemailer({
      server: config.SMTP_URL || "smtp://127.0.0.1:25",
      from: config.MAIL_FROM,
      maxAge: MAGIC_LINK_MINUTES * 60,
      async sendVerificationRequest({ identifier, url }) {
        // The link points at our confirm page, not at Auth.js's GET callback,
        // so a mail scanner that follows it neither signs in nor burns the token.
        const confirm = buildConfirmPageUrl(new URL(url).searchParams);
        await sendEmail({
          to: identifier,
          subject: `Sign in to the ${config.COMPANY_NAME} privacy center`,
          template: createElement(SignInEmail, {
            url: confirm.toString(),
            companyName: config.COMPANY_NAME,
            minutes: MAGIC_LINK_MINUTES,
          }),
        });
      },
    }),
  ];
  // Not reachable while Auth.js's routes are not served: an OAuth sign-in would
  // skip the age question and the erasure check that the confirm POST applies.
  if (config.GITHUB_ID && config.GITHUB_SECRET) {
    providers.push(GitHub({ clientId: config.GITHUB_ID, clientSecret: config.GITHUB_SECRET }));
  }
  return {
    adapter: createAuthAdapter(),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    secret: config.AUTH_SECRET,
    trustHost: true,
    providers,
    pages: {
      signIn: "/signin",
      verifyRequest: "/signin/check-email",
      error: "/signin/error",
    },
    callbacks: {
      session({ session, user }) {
        const role = (user as { role?: string }).role === "ADMIN" ? "ADMIN" : "USER";
        const locale = (user as { locale?: string | null }).locale ?? null;
        return { ...session, user: { ...session.user, id: user.id, role, locale } };
      },
    },
    events: {
      async createUser({ user }) {
        if (user.id) await initialiseNewAccount(user.id);
      },
      async signIn({ user, account }) {
        if (user.id) {
          await recordAudit({
            action: "auth.sign_in",
            actorId: user.id,
            targetType: "User",
            targetId: user.id,
            metadata: { provider: account?.provider ?? "unknown" },
          });
        }
      },
      async signOut(message) {
        const userId = "session" in message ? message.session?.userId : undefined;
        if (userId)
          await recordAudit({ action: "auth.sign_out", actorId: userId, targetType: "User", targetId: userId });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
