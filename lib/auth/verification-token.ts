// Read-only look-ups of Auth.js magic-link tokens (stored as SHA-256 hashes),
// so the confirm page can say "expired" before anyone presses the button.
import "server-only";
import { createHash } from "node:crypto";
import { prisma } from "../core/db";
import { now } from "../core/clock";
import { env } from "../core/env";

export function hashVerificationToken(token: string): string {
  // Same construction as @auth/core: sha256(token + secret), with the one secret Auth.js is given
  // (AUTH_SECRET; it takes no key ring here). A rotation only voids links still pending, which
  // expire within minutes anyway: the person asks for a new one.
  return createHash("sha256").update(`${token}${env().AUTH_SECRET}`).digest("hex");
}

export type TokenState = "valid" | "expired" | "unknown";

export async function getVerificationTokenState(email: string, token: string): Promise<TokenState> {
  const row = await prisma.verificationToken.findUnique({
    where: { identifier_token: { identifier: email, token: hashVerificationToken(token) } },
    select: { expires: true },
  });
  if (!row) return "unknown";
  return row.expires.getTime() < (await now()).getTime() ? "expired" : "valid";
}

export async function deleteVerificationTokens(email: string) {
  await prisma.verificationToken.deleteMany({ where: { identifier: email } });
}
