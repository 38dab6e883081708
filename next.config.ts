import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Both drivers load native/WASM assets at run time: bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        // The token is in these URLs: never send it to another site in a Referer header.
        // Not "no-referrer": with it, browsers send `Origin: null` on form posts, and the
        // origin check that guards server actions (rightly) refuses the accept form without JavaScript.
        source: "/invite/:path*",
        headers: [
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
