import "server-only";
import { STATUS_CODES } from "node:http";

/** Larger than any request this app's API takes (the same limit Next puts on server actions' bodies). */
export const MAX_BODY_BYTES = 1024 * 1024;

export function errorResponse(status: number, code: string, message: string, headers?: HeadersInit): Response {
  const merged = new Headers(headers);
  merged.set("content-type", "application/json");
  return new Response(JSON.stringify({ code, message }), { status, headers: merged });
}

/**
 * The request with its body read into memory, or a 413 once the body passes `limit` bytes.
 * Better Auth parses whatever it is given, of any size; counting the bytes as they arrive
 * also catches a chunked body, which has no Content-Length to check up front.
 */
export async function withinBodyLimit(request: Request, limit = MAX_BODY_BYTES): Promise<Request | Response> {
  if (!request.body) return request;
  const tooLarge = () => errorResponse(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`);
  const reader = request.body.getReader();
  if (Number(request.headers.get("content-length") ?? 0) > limit) {
    await discardRest(reader, 0);
    return tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader, size);
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/** How much of a refused body is still read, and dropped, before the 413 goes out. */
const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Reads and drops the rest of a body too large to take, up to a bound. Answered while the client is still
 * sending, the 413 closes the connection under the client's feet, which then sees a reset (EPIPE) instead of
 * the answer; a body past the bound is cut off all the same.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let size = alreadyRead;
  while (size < DISCARD_LIMIT_BYTES) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
  }
  await reader.cancel();
}

/**
 * Every error of this app carries a code. Better Auth's router answers some 4xx
 * without one (an unknown path: an empty 404; a callbackURL that is not a string:
 * only a message): those get the code of their status, e.g. NOT_FOUND.
 */
export async function withErrorCode(response: Response): Promise<Response> {
  if (response.status < 400 || response.status >= 500) return response;
  const text = await response.clone().text();
  let message = STATUS_CODES[response.status] ?? "Error";
  if (/application\/json/.test(response.headers.get("content-type") ?? "") && text) {
    try {
      const body: unknown = JSON.parse(text);
      if (typeof body === "object" && body !== null && "code" in body && typeof body.code === "string") return response;
      if (typeof body === "object" && body !== null && "message" in body && typeof body.message === "string") message = body.message;
    } catch {
      // not JSON after all: answered below in JSON, with a code
    }
  }
  const code = (STATUS_CODES[response.status] ?? "Error").toUpperCase().replace(/[^A-Z]+/g, "_");
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return errorResponse(response.status, code, message, headers);
}
