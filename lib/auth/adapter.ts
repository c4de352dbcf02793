// The Auth.js Prisma adapter, with sessions that may already be gone. A browser
// can hold a cookie whose row no longer exists (signed out elsewhere, expired and
// swept, erased); Prisma's delete/update throw for a missing row, and Auth.js
// turns that into a "Configuration" error in the middle of signing in.
import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterSession } from "next-auth/adapters";
import { prisma } from "../core/db";

export function createAuthAdapter(): Adapter {
  return {
    // The generated engine-free client is a PrismaClient; the adapter's types
    // refer to @prisma/client's default output, hence the cast.
    ...PrismaAdapter(prisma as never),
    /** The deleted session (the sign-out event audits its user), or null when there was none. */
    async deleteSession(sessionToken: string): Promise<AdapterSession | null> {
      const session = await prisma.session.findUnique({
        where: { sessionToken },
        select: { sessionToken: true, userId: true, expires: true },
      });
      if (!session) return null;
      const { count } = await prisma.session.deleteMany({ where: { sessionToken } });
      return count > 0 ? session : null;
    },
    async updateSession({ sessionToken, userId, expires }): Promise<AdapterSession | null> {
      const { count } = await prisma.session.updateMany({ where: { sessionToken }, data: { userId, expires } });
      if (count === 0) return null;
      return prisma.session.findUnique({
        where: { sessionToken },
        select: { sessionToken: true, userId: true, expires: true },
      });
    },
  };
}
