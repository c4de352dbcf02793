import type { MetadataRoute } from "next";

// The public pages may be indexed; people's own pages and the team's never are (they need
// a sign-in anyway, and answer no-store).
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", allow: "/", disallow: ["/account", "/admin", "/api/"] } };
}
