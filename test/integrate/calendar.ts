/** Calendar checks on one build: `/maintenance.ics` is valid RFC 5545 with the windows in UTC. */
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { api, readText, type Variant } from './built.ts';

/** The calendar's events as ical.js reads them. */
export function calendarEvents(v: Variant): InstanceType<typeof ICAL.Event>[] {
  const calendar = new ICAL.Component(ICAL.parse(readText(v, 'maintenance.ics')) as unknown[]);
  return calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
}

export function calendarChecks(v: Variant): void {
  describe('maintenance calendar', () => {
    test('CRLF line endings, no line longer than 75 octets', () => {
      const text = readText(v, 'maintenance.ics');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) {
        expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      }
    });

    test('one VEVENT per window, with the required properties and UTC times', () => {
      const text = readText(v, 'maintenance.ics');
      const unfolded = text.replace(/\r\n[ \t]/g, '');
      const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
      const maintenances = api(v, 'scheduled-maintenances/all.json').scheduled_maintenances;
      const events = calendar.getAllSubcomponents('vevent');
      expect(events).toHaveLength(maintenances.length);
      const uids = events.map((e) => String(e.getFirstPropertyValue('uid')));
      expect(new Set(uids).size).toBe(uids.length);
      for (const m of maintenances) {
        const vevent = events.find((e) => e.getFirstPropertyValue('url') === m.shortlink);
        expect(vevent, m.id).toBeDefined();
        const event = new ICAL.Event(vevent);
        expect(event.summary).toBe(`Maintenance: ${m.name}`);
        expect(event.description).toContain(m.incident_updates.at(-1)!.body.slice(0, 20));
        expect(vevent!.getFirstPropertyValue('dtstamp')).toBeTruthy();
        expect(event.startDate.zone?.tzid).toBe('UTC');
        expect(event.endDate.zone?.tzid).toBe('UTC');
        expect(event.startDate.toJSDate().toISOString()).toBe(m.scheduled_for);
        const end =
          m.resolved_at && m.resolved_at < m.scheduled_until ? m.resolved_at : m.scheduled_until;
        expect(event.endDate.toJSDate().toISOString()).toBe(end);
      }
      // UTC as written, not only as read: every DTSTART, DTEND and DTSTAMP ends in Z.
      for (const line of unfolded.split('\r\n').filter((l) => /^DT(START|END|STAMP)[:;]/.test(l))) {
        expect(line).toMatch(/^DT(START|END|STAMP):\d{8}T\d{6}Z$/);
      }
    });
  });
}
