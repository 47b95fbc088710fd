/**
 * Size limits of sync bundles, as the main process uses them. A bundle larger than this on disk, or
 * whose payload would inflate beyond it, is refused before anything is parsed or allocated. The two
 * numbers live in shared/sync-limits.ts (the contract derives its longest upload from them too);
 * the open-file dialog and web mode's request-body limit are derived from them as well.
 */
import { MAX_BUNDLE_FILE_BYTES, MAX_BUNDLE_INFLATED_BYTES } from '../../shared/sync-limits';

export { MAX_BUNDLE_BASE64_LENGTH, MAX_BUNDLE_FILE_BYTES, MAX_BUNDLE_INFLATED_BYTES, base64LengthOf, megabytesText } from '../../shared/sync-limits';

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
