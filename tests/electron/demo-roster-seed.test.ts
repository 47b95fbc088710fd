import { ageOn } from '../../shared/person-derivations';
import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../shared/id-number';
import { seedDemoRoster } from '../../electron/staff/demo-roster-seed';
import { requireLocalStation } from '../../electron/station/local-station';
import { openRosterTestApp } from '../support/roster-client';
import { changeLogOf } from '../support/test-ledger';

describe('seedDemoRoster', () => {
  it('fills a station with valid, varied people, families, status history and honours, all through the write path', async () => {
    const app = await openRosterTestApp();
    try {
      const station = requireLocalStation(app.store);
      const summary = seedDemoRoster(app.store, { userName: '演示数据' }, { staff: 200, years: 3, seed: 11, today: '2026-11-23', stationId: station.id, stationName: station.name });
      expect(summary.staff).toBe(200);
      const list = await app.client.call('staff.list', {});
      expect(list).toHaveLength(200);
      expect(new Set(list.map((p) => p.idNumber)).size).toBe(200);
      for (const person of list) {
        expect(parseIdNumber(person.idNumber, '2026-11-23').ok, person.idNumber).toBe(true);
        // Today's age (a person who has left shows the age they left at).
        const age = ageOn(person.birthDate, '2026-11-23');
        expect(age).toBeGreaterThanOrEqual(22);
        expect(age).toBeLessThanOrEqual(62);
        expect(person.workStartDate && person.workStartDate <= '2026-11-23').toBeTruthy();
      }
      const share = (category: string) => list.filter((p) => p.category === category).length / list.length;
      expect(share('民警')).toBeGreaterThan(0.4);
      expect(share('辅警')).toBeGreaterThan(0.28);
      expect(share('职工')).toBeLessThan(0.12);
      expect(new Set(list.map((p) => p.gender))).toEqual(new Set(['男', '女']));
      expect(list.some((p) => p.status === '退休') && list.some((p) => p.status === '调出')).toBe(true);

      const details = await Promise.all(list.map((p) => app.client.call('staff.get', { id: p.id })));
      const children = details.flatMap((d) => d.family.filter((f) => f.relation === '子女'));
      expect(details.some((d) => d.family.some((f) => f.relation === '配偶'))).toBe(true);
      expect(children.some((c) => c.zhongkaoYear === 2027 || c.gaokaoYear === 2027)).toBe(true);
      const honours = details.flatMap((d) => d.honours);
      expect([...new Set(honours.map((h) => h.title))]).toEqual(expect.arrayContaining(['季度之星', '嘉奖', '三等功']));
      expect(honours.some((h) => h.title === '季度之星')).toBe(true);
      expect(new Set(honours.map((h) => h.date.slice(0, 4))).size).toBeGreaterThanOrEqual(3);
      const retired = details.find((d) => d.staff.status === '退休');
      expect(retired?.statusHistory.map((s) => s.status)).toEqual(['在职', '退休']);
      // Every row came through the write path: the change log knows it, with the seeding user.
      const seeded = new Set(changeLogOf(app.store).filter((c) => c.tbl === 'staff' && c.user_name === '演示数据').map((c) => c.row_id));
      const staffIds = (app.store.sqlite.prepare('SELECT id FROM staff').all() as { id: string }[]).map((r) => r.id);
      expect(staffIds.filter((id) => !seeded.has(id))).toEqual([]);
    } finally {
      app.close();
    }
  });
});
