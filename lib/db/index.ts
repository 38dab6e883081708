import "server-only";
import { getEnv } from "@/lib/env";
import { openDatabase, type DatabaseConnection } from "./client";

declare global {
  // One connection per process: Next bundles pages, route handlers and
  // instrumentation separately, and a PGlite folder may be opened only once.
  var __inviteKitDatabase: DatabaseConnection | undefined;
}

/** The process's database connection, opened on first use so that `next build` never opens it. */
export function getConnection(): DatabaseConnection {
  globalThis.__inviteKitDatabase ??= openDatabase(getEnv().database);
  return globalThis.__inviteKitDatabase;
}

export function getDb() {
  return getConnection().db;
}

export type Database = ReturnType<typeof getDb>;
