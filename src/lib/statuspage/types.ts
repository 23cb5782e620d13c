/**
 * The JSON shapes of Atlassian Statuspage's public API (`/api/v2/`), field for field, so that
 * existing clients (aggregators, chat bots, monitoring plugins, widgets) read Heliograph unchanged.
 * docs/integrations.md ("Statuspage JSON shapes") lists them; https://metastatuspage.com/api/v2
 * documents the original.
 * Every time is ISO 8601 in UTC; every id is stable across builds (derived from file names).
 */
import type {
  ComponentStatus,
  Impact,
  IncidentStatus,
  Indicator,
  MaintenanceStatus,
} from '../status.ts';

/** ISO 8601 time, e.g. `2026-11-21T08:15:00.000Z`. */
export type ApiTime = string;

/** The page every document starts with. */
export interface ApiPage {
  /** Stable id derived from the site's URL and base path. */
  id: string;
  name: string;
  /** Absolute URL of the home page, base path included. */
  url: string;
  /** IANA time zone of the site, e.g. `Europe/Rome`. */
  time_zone: string;
  updated_at: ApiTime;
}

/** The page indicator and its words. */
export interface ApiStatus {
  indicator: Indicator;
  description: string;
}

/** A component row; a group is a row with `group: true` and the ids of its `components`. */
export interface ApiComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: ApiTime;
  updated_at: ApiTime;
  /** 1-based among the top-level rows, restarting at 1 inside each group. */
  position: number;
  description: string | null;
  /** Whether the uptime bar is shown (always, on Heliograph). */
  showcase: boolean;
  /** `YYYY-MM-DD` from the configuration, or null. */
  start_date: string | null;
  /** The group a component sits in; null for groups and ungrouped components. */
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on group rows: the ids of the group's components, in order. */
  components?: string[];
}

/** A component change carried by an update. */
export interface ApiAffectedComponent {
  /** The component's id. */
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

/** One update of an incident or maintenance. */
export interface ApiIncidentUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  /** The editor's Markdown text. */
  body: string;
  incident_id: string;
  created_at: ApiTime;
  updated_at: ApiTime;
  display_at: ApiTime;
  affected_components: ApiAffectedComponent[];
}

/** An incident. */
export interface ApiIncident {
  id: string;
  name: string;
  status: IncidentStatus | MaintenanceStatus;
  created_at: ApiTime;
  updated_at: ApiTime;
  monitoring_at: ApiTime | null;
  resolved_at: ApiTime | null;
  impact: Impact | 'maintenance';
  /** The incident's absolute URL. */
  shortlink: string;
  started_at: ApiTime;
  page_id: string;
  /** Newest first. */
  incident_updates: ApiIncidentUpdate[];
  /** The affected components, as component rows with their current status. */
  components: ApiComponent[];
}

/** A maintenance: an incident with its planned window. */
export interface ApiMaintenance extends ApiIncident {
  status: MaintenanceStatus;
  impact: 'maintenance';
  scheduled_for: ApiTime;
  scheduled_until: ApiTime;
}
