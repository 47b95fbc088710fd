/**
 * The size limits of a sync bundle, in one place: the import, the open-file dialog, web mode's
 * request-body limit and the contract's longest `bytesBase64` are all derived from these two
 * numbers (electron/sync/sync-limits.ts re-exports them for the main process).
 *
 * Why these numbers: an opened bundle's payload is one JSON text that `JSON.parse` reads as a single
 * string, and V8 cannot make a string longer than `buffer.constants.MAX_STRING_LENGTH` (2^29 − 24
 * characters, just under 512 MiB, on 64-bit Node 20 and Electron). The inflated limit stays at half
 * of that so a bundle is refused with a Chinese message long before V8 would throw. A bundle is
 * gzip-compressed JSON, several times smaller than its payload, so a file limit of half the inflated
 * limit leaves room for any real bundle, and its base64 text (4/3 larger, which is how a file
 * crosses IPC and HTTP) is also well below the string limit.
 */

const MIB = 1024 * 1024;

/** Largest bundle file accepted, in bytes on disk: 128 MiB. */
export const MAX_BUNDLE_FILE_BYTES = 128 * MIB;

/** Largest payload a bundle may inflate to, in bytes of JSON: 256 MiB (half of V8's longest string). */
export const MAX_BUNDLE_INFLATED_BYTES = 256 * MIB;

/** Length of the (padded) base64 text of `bytes` bytes. */
export function base64LengthOf(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Longest base64 text of an uploaded file the contract accepts: that of a file at the limit. */
export const MAX_BUNDLE_BASE64_LENGTH = base64LengthOf(MAX_BUNDLE_FILE_BYTES);

/** A byte count as a clerk reads it: `128 MB` (binary megabytes, rounded up). */
export function megabytesText(bytes: number): string {
  return `${Math.ceil(bytes / MIB)} MB`;
}
