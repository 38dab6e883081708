import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Both drivers load native/WASM assets at run time: bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
};

export default nextConfig;
