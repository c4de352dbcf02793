import "next-auth";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      email?: string | null;
      name?: string | null;
      image?: string | null;
      role: "USER" | "ADMIN";
      /** The language chosen on the profile page (lib/core/i18n/config.ts), or null. */
      locale?: string | null;
    };
  }
}
