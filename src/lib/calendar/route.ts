/** The calendar endpoint's part: the route file hands over to this. */
import type { APIRoute } from 'astro';
import { getUi } from '../site-data.ts';
import { maintenanceCalendar } from './maintenance-calendar.ts';

/** `/maintenance.ics`. */
export const calendarRoute: APIRoute = async () =>
  new Response(maintenanceCalendar(await getUi()), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
