// The Auth.js Prisma adapter, with sessions that may already be gone. A browser
// can hold a cookie whose row no longer exists (signed out elsewhere, expired and
// swept, erased); Prisma's delete/update throw for a missing row, and Auth.js
// turns that into a "Configuration" error in the middle of signing in.
import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { getPool, prisma } from "../core/db";

// Every signed-in request reads its session and user: one round trip, and only the fields the
// session callback uses (the adapter's Prisma query takes two and returns every column of both).
// Prisma's DateTime columns are UTC timestamps without a zone: read as timestamptz.
const sessionAndUserQuery = `
  SELECT s."sessionToken", s."userId", s.expires AT TIME ZONE 'UTC' AS expires,
         u.name, u.email, u."emailVerified" AT TIME ZONE 'UTC' AS "emailVerified", u.image, u.role::text AS role,
         u.locale
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
   WHERE s."sessionToken" = $1`;

type SessionAndUserRow = AdapterSession & Omit<AdapterUser, "id"> & { role: string; locale: string | null };

export function createAuthAdapter(): Adapter {
  return {
    // The generated engine-free client is a PrismaClient; the adapter's types
    // refer to @prisma/client's default output, hence the cast.
    ...PrismaAdapter(prisma as never),
    async getSessionAndUser(sessionToken: string) {
      const { rows } = await getPool().query<SessionAndUserRow>(sessionAndUserQuery, [sessionToken]);
      const row = rows[0];
      if (!row) return null;
      return {
        session: { sessionToken: row.sessionToken, userId: row.userId, expires: row.expires },
        user: {
          id: row.userId,
          name: row.name,
          email: row.email,
          emailVerified: row.emailVerified,
          image: row.image,
          role: row.role,
          // The language saved on the profile: it wins over the browser's cookie (lib/dal.ts getRequestLocale).
          locale: row.locale,
        } as AdapterUser,
      };
    },
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
