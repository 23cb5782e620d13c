/** Every maintenance window as iCalendar, to subscribe to from a calendar app. */
import { calendarRoute } from '../lib/calendar/route.ts';

export const GET = calendarRoute;
