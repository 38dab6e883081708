// What `server-only` is on the server under Next: nothing. scripts/tsconfig.json points the import here.
export {};
