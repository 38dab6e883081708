import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** A fresh database for this run, so that runs never share state; dropped when the run ends. */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("The postgres project needs DATABASE_URL or TEST_DATABASE_URL");
  // TEST_DATABASE_PREFIX tells apart the databases of checkouts that share one PostgreSQL server.
  const name = `${process.env.TEST_DATABASE_PREFIX || "invitekit"}_test_${Date.now()}_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  project.provide("postgresUrl", url.toString());

  return async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
