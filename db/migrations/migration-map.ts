import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-23-foundation';
import * as staff from './2026-11-23-staff';
import * as sync from './2026-11-23-sync';
import * as syncAuthority from './2026-12-02-sync-authority';
import * as health from './2026-12-07-health';
import * as rosterFields from './2026-12-07-roster-fields';
import * as visits from './2026-12-14-visits';
import * as leave from './2026-12-21-leave';
import * as reportIssue from './2026-12-21-report-issue';
import * as accounts from './2026-12-28-accounts';

/**
 * Every migration, by its date-prefixed name, in the order they apply. Loaded statically (no
 * folder scan) so a packaged app finds them inside its asar. Never edit or reorder one that shipped.
 */
export const migrationMap: Record<string, Migration> = {
  '2026-11-23-foundation': foundation,
  '2026-11-23-staff': staff,
  '2026-11-23-sync': sync,
  '2026-12-02-sync-authority': syncAuthority,
  '2026-12-07-health': health,
  '2026-12-07-roster-fields': rosterFields,
  '2026-12-14-visits': visits,
  '2026-12-21-leave': leave,
  '2026-12-21-report-issue': reportIssue,
  '2026-12-28-accounts': accounts,
};

/** The newest migration: the schema version this build writes. */
export const currentSchemaVersion = Object.keys(migrationMap).at(-1) as string;
