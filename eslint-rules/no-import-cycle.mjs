// ESLint rule: no module may import (through any chain of value imports) a module that imports it back.
import path from "node:path";
import ts from "typescript";

/*
 * eslint-plugin-import's no-cycle finds nothing in this flat config (eslint-plugin-import 2.32: a planted two-file
 * cycle passed), so the rule is ours, on TypeScript's own resolver: the tsconfig's `@/` paths, `.ts`, `.tsx`, `.mjs`
 * and a folder's index all resolve as the compiler and Next resolve them. Type-only imports are left out: they vanish
 * at build time and cannot make a cycle at run time. The graph is read once per lint run.
 */

const graphs = new Map();

function compilerOptionsFor(root) {
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
  if (!configPath) return { moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true };
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
  return { ...options, allowJs: true };
}

function graphFor(root) {
  let graph = graphs.get(root);
  if (!graph) {
    graph = { root, options: compilerOptionsFor(root), edges: new Map() };
    graphs.set(root, graph);
  }
  return graph;
}

function isTypeOnly(statement) {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return false; // import "./side-effect"
    if (clause.isTypeOnly) return true;
    const bindings = clause.namedBindings;
    return (
      !clause.name &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every((element) => element.isTypeOnly)
    );
  }
  if (ts.isExportDeclaration(statement)) return statement.isTypeOnly;
  return false;
}

/** The repository's own files a file imports values from, each with the specifier that named it. */
function importsOf(graph, file, text) {
  if (text === undefined && graph.edges.has(file)) return graph.edges.get(file);
  const source = text ?? ts.sys.readFile(file);
  const edges = [];
  if (source !== undefined) {
    const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false);
    const specifiers = [];
    for (const statement of parsed.statements) {
      if (
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        !isTypeOnly(statement)
      ) {
        specifiers.push(statement.moduleSpecifier.text);
      }
    }
    for (const specifier of specifiers) {
      const resolved = ts.resolveModuleName(specifier, file, graph.options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.includes(`${path.sep}node_modules${path.sep}`))
        continue;
      if (resolved.resolvedFileName.endsWith(".d.ts")) continue;
      edges.push({ specifier, file: path.resolve(resolved.resolvedFileName) });
    }
  }
  if (text === undefined) graph.edges.set(file, edges);
  return edges;
}

/** A chain of files from `start` back to `target`, or null. */
function pathBack(graph, start, target) {
  const seen = new Set([start]);
  const queue = [[start]];
  while (queue.length > 0) {
    const chain = queue.shift();
    for (const edge of importsOf(graph, chain[chain.length - 1])) {
      if (edge.file === target) return chain;
      if (seen.has(edge.file)) continue;
      seen.add(edge.file);
      queue.push([...chain, edge.file]);
    }
  }
  return null;
}

const noImportCycle = {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles between the repository's own modules (value imports)." },
    schema: [],
    messages: { cycle: "Import cycle: {{chain}}. Move what both need into a module of its own, or turn the dependency around." },
  },
  create(context) {
    const file = path.resolve(context.filename);
    const graph = graphFor(context.cwd);
    return {
      Program(program) {
        for (const edge of importsOf(graph, file, context.sourceCode.text)) {
          const chain = pathBack(graph, edge.file, file);
          if (!chain) continue;
          const node = program.body.find((statement) => statement.source?.value === edge.specifier) ?? program;
          const names = [file, ...chain, file].map((name) => path.relative(graph.root, name)).join(" → ");
          context.report({ node, messageId: "cycle", data: { chain: names } });
        }
      },
    };
  },
};

export default noImportCycle;
