import type { NextConfig } from "next";
import { inviteApiHeaders, staticSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Both drivers load native/WASM assets at run time: bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
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
