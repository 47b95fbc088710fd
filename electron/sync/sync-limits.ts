/**
 * Size limits of sync bundles, in one place. A bundle larger than this on disk, or whose payload
 * would inflate beyond it, is refused before anything is parsed or allocated.
 */

/** Largest bundle file accepted (bytes on disk): 200 MB. */
export const MAX_BUNDLE_FILE_BYTES = 200 * 1024 * 1024;

/** Largest payload a bundle may inflate to (bytes of JSON): 1 GB. */
export const MAX_BUNDLE_INFLATED_BYTES = 1024 * 1024 * 1024;

/** Limits an import runs with (tests pass small ones to exercise the refusals). */
export interface BundleLimits {
  maxFileBytes: number;
  maxInflatedBytes: number;
}

export const defaultBundleLimits: BundleLimits = {
  maxFileBytes: MAX_BUNDLE_FILE_BYTES,
  maxInflatedBytes: MAX_BUNDLE_INFLATED_BYTES,
};

/** Largest setup file accepted (a setup file is a few kilobytes of JSON). */
export const MAX_SETUP_FILE_BYTES = 64 * 1024;
