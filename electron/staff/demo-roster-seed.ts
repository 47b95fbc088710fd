import { ageOn } from '../../shared/person-derivations';
import { familyInputSchema, honourInputSchema, staffInputSchema } from '../../shared/staff-record';
import type { LedgerStore } from '../../db/ledger-store';
import type { WriteActor } from '../../db/write-path';
import { seedDemoHealth, type DemoHealthPerson, type DemoHealthSummary } from '../health/demo-health';
import { generateDemoFamily } from './demo-family';
import { generateDemoHonours, type HonourCandidate } from './demo-honours';
import { generateDemoPerson } from './demo-people';
import { DemoRandom } from './demo-random';
import { familyRecords } from './family-records';
import { honourRecords } from './honour-records';
import { savePersonRecord } from './person-records';
import { applyStaffPlan, planStaffSave, storeStaffLookup } from './staff-save';
import { changeStaffStatus } from './staff-status';

export interface DemoSeedOptions {
  /** How many people. */
  staff: number;
  /** How many years of honours and status changes (default 3). */
  years: number;
  /** The random seed: the same seed gives the same people on the same day. */
  seed: number;
  today: string;
  stationId: string;
  stationName: string;
}

/** What the seed wrote. */
export interface DemoSeedSummary {
  staff: number;
  familyMembers: number;
  honours: number;
  statusChanges: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  /** Checkups, screenings, interventions and medical events (electron/health/demo-health.ts). */
  health: DemoHealthSummary;
}

function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Fills a station with a realistic demo roster: people (see `generateDemoPerson`), their status
 * history, families and honours, all through the same checks and the same write path as the
 * clerk's forms, in one transaction. Deterministic for a given seed and day.
 */
export function seedDemoRoster(store: LedgerStore, actor: WriteActor, options: DemoSeedOptions): DemoSeedSummary {
  const { today, years } = options;
  const random = new DemoRandom(options.seed);
  const summary: DemoSeedSummary = { staff: 0, familyMembers: 0, honours: 0, statusChanges: 0, byCategory: {}, byStatus: {}, health: { checkups: 0, screenings: 0, interventions: 0, medicalEvents: 0 } };
  const healthPeople: DemoHealthPerson[] = [];
  return store.transaction(() => {
    const lookup = storeStaffLookup(store);
    const usedIds = new Set<string>();
    const candidates: HonourCandidate[] = [];
    for (let index = 0; index < options.staff; index += 1) {
      const person = generateDemoPerson(random, index, today, years, usedIds);
      const planned = planStaffSave(staffInputSchema.parse(person.input), { lookup, today, localStationId: options.stationId, newId: store.newId });
      if (!planned.ok) throw new Error(`演示数据不合规则（第${index + 1}人）：${planned.problems.map((p) => p.message).join('；')}`);
      const staffId = planned.plan.id;
      applyStaffPlan(store, actor, planned.plan, '入职');
      summary.staff += 1;
      summary.statusChanges += 1;
      tally(summary.byCategory, person.category);
      if (person.statusChange) {
        changeStaffStatus(store, actor, { staffId, ...person.statusChange }, today);
        summary.statusChanges += 1;
      }
      tally(summary.byStatus, person.statusChange?.status ?? '在职');
      healthPeople.push({ staffId, status: person.statusChange?.status ?? '在职', category: person.category, workStartDate: person.input.workStartDate ?? null });
      for (const member of generateDemoFamily(random, person, ageOn(person.birthDate, today), today)) {
        savePersonRecord(store, actor, familyRecords, familyInputSchema.parse({ ...member, staffId }), today);
        summary.familyMembers += 1;
      }
      candidates.push({
        staffId,
        category: person.category,
        partyMember: person.input.partyMember === true,
        starRating: person.input.starRating ?? null,
        from: person.joinedStationDate,
        to: person.statusChange?.date ?? today,
      });
    }
    for (const honour of generateDemoHonours(random, candidates, today, years, options.stationName)) {
      savePersonRecord(store, actor, honourRecords, honourInputSchema.parse(honour), today);
      summary.honours += 1;
    }
    // Its own random source, so adding health records changed none of the people of a given seed.
    summary.health = seedDemoHealth(store, actor, new DemoRandom(options.seed + 10_000), healthPeople, today);
    return summary;
  });
}
