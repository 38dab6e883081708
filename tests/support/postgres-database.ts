import type { TestProject } from "vitest/node";
import { dropPostgresDatabasesLabelled, postgresServerUrl } from "../harness/database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL server the postgres project's files make their databases on. */
    postgresServer: string;
    /** The label of this run's databases, one per test file (support/setup-env.ts). */
    postgresLabel: string;
  }
}

/**
 * Each test file of the postgres project gets a fresh database of its own (support/setup-env.ts), so that files that
 * run at the same time never see each other's rows; this run's are dropped when it ends, by their label.
 */
export default async function setup(project: TestProject) {
  if (!postgresServerUrl) throw new Error("The postgres project needs DATABASE_URL or TEST_DATABASE_URL");
  const server = postgresServerUrl;
  const label = `test_${Date.now()}_${process.pid}`;
  project.provide("postgresServer", server);
  project.provide("postgresLabel", label);
  return () => dropPostgresDatabasesLabelled(label, server);
}
