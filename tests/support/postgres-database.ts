import type { TestProject } from "vitest/node";
import { createPostgresDatabase, postgresServerUrl } from "../harness/database";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** A fresh database for this run, so that runs never share state; dropped when the run ends. */
export default async function setup(project: TestProject) {
  if (!postgresServerUrl) throw new Error("The postgres project needs DATABASE_URL or TEST_DATABASE_URL");
  const database = await createPostgresDatabase("test", postgresServerUrl);
  project.provide("postgresUrl", database.url);
  return database.drop;
}
