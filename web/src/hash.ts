// Small stable hashes: FNV-1a for the charts' data fingerprints, and SHA-256 (from @noble/hashes, the same
// bytes in Node and every browser) for the worker's proof that a run matches Node's. Web Crypto is used where
// the page has it; it is missing on pages served over plain http from an address other than localhost.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** FNV-1a 32-bit of a string, as 8 hex digits. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** SHA-256 of bytes, as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** SHA-256 hex of a string's UTF-8 bytes, with Web Crypto where available. */
export async function sha256OfText(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return bytesToHex(new Uint8Array(await subtle.digest("SHA-256", bytes)));
  return sha256Hex(bytes);
}
