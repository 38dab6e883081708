/**
 * Every SQL statement the app sends to PostgreSQL, BEGIN and COMMIT included, told to whoever
 * listens: the query-budget tests count them. With no listener, reporting costs one empty loop.
 */
type StatementListener = (statement: string, parameters: readonly unknown[]) => void;

const listeners = new Set<StatementListener>();

export function onStatement(listener: StatementListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportStatement(statement: string, parameters: readonly unknown[] = []): void {
  for (const listener of listeners) listener(statement, parameters);
}
