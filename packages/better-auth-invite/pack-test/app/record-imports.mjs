// Module hooks for client-scan.mjs: report every import Node resolves, with the module that asked for it.
let port;

export function initialize(data) {
  port = data.port;
  port.on("message", (message) => {
    // Messages on one port arrive in order: answering here means every edge posted before has been delivered.
    if (message === "flush") port.postMessage("flushed");
  });
  port.unref();
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  port.postMessage({ specifier, parent: context.parentURL ?? null, url: resolved.url });
  return resolved;
}
