// The code an authenticator app shows for an otpauth:// URI: RFC 6238 written out here, not Better Auth's own helper,
// so that a test passing also says the URI the twoFactor plugin hands out works in any authenticator app.
import { createHmac } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Bytes(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const character of text.replace(/=+$/, "").toUpperCase()) {
    const digit = BASE32.indexOf(character);
    if (digit < 0) throw new Error(`not base32: ${text}`);
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The secret of an otpauth:// URI, as a person would type it into an authenticator app. */
export function totpSecret(uri: string): string {
  const secret = new URL(uri).searchParams.get("secret");
  if (!secret) throw new Error(`no secret in ${uri}`);
  return secret;
}

/** The code for `uri` at `at` (ms): HMAC-SHA-1 over the period's counter, dynamically truncated. */
export function totpCode(uri: string, at = Date.now()): string {
  const parameters = new URL(uri).searchParams;
  const digits = Number(parameters.get("digits") ?? 6);
  const period = Number(parameters.get("period") ?? 30);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / period)));
  const mac = createHmac("sha1", base32Bytes(totpSecret(uri)))
    .update(counter)
    .digest();
  const offset = (mac.at(-1) ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits).padStart(digits, "0");
}
