import type { NextConfig } from "next";
import { inviteApiHeaders, staticSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: [
    // Both drivers load native/WASM assets at run time: bundling them breaks that.
    "@electric-sql/pglite",
    "postgres",
    // Server-only libraries Node loads as they are. Bundling them made the first page of `npm run dev` compile
    // for 10 s instead of 5 s and the first invite link for 31 s instead of 4 s on a 2-core machine (bench/dev-start.ts).
    "better-auth",
    "@better-auth/core",
    "@invite-kit/better-auth",
    "drizzle-orm",
    "zod",
    "resend",
    "@react-email/components",
    "@react-email/render",
    "@redis/client",
  ],
  poweredByHeader: false,
  async headers() {
    return [
      // Security headers on every response; the Content-Security-Policy is proxy.ts's, since it carries a nonce.
      { source: "/:path*", headers: [...staticSecurityHeaders] },
      { source: "/api/auth/invite/:path*", headers: [...inviteApiHeaders] },
      // The token is in these URLs: never cache them.
      { source: "/invite/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;
