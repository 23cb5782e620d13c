import { describe, expect, test } from 'vitest';
import {
  combineCheckStatuses,
  componentStatus,
  INDICATOR_DESCRIPTIONS,
  isResolvedStatus,
  pageIndicator,
  severity,
  worseStatus,
  type ComponentStatus,
  type HealthStatus,
  type Impact,
  type Indicator,
  type IncidentStatus,
} from '../../src/lib/status.ts';

describe('worseStatus', () => {
  test.each<[HealthStatus | undefined, HealthStatus | undefined, HealthStatus | undefined]>([
    [undefined, undefined, undefined],
    [undefined, 'operational', 'operational'],
    ['major_outage', undefined, 'major_outage'],
    ['operational', 'operational', 'operational'],
    ['operational', 'degraded_performance', 'degraded_performance'],
    ['degraded_performance', 'operational', 'degraded_performance'],
    ['degraded_performance', 'partial_outage', 'partial_outage'],
    ['major_outage', 'partial_outage', 'major_outage'],
    ['partial_outage', 'major_outage', 'major_outage'],
  ])('worseStatus(%s, %s) = %s', (a, b, expected) => {
    expect(worseStatus(a, b)).toBe(expected);
  });

  test('severity ranks operational lowest and major_outage highest', () => {
    expect(
      (['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const).map(
        severity,
      ),
    ).toEqual([0, 1, 2, 3]);
  });
});

describe('combineCheckStatuses', () => {
  test.each<[string, HealthStatus[], HealthStatus]>([
    ['no checks', [], 'operational'],
    ['one passing check', ['operational'], 'operational'],
    ['all pass', ['operational', 'operational', 'operational'], 'operational'],
    ['all fail', ['major_outage', 'major_outage'], 'major_outage'],
    ['all slow', ['degraded_performance', 'degraded_performance'], 'degraded_performance'],
    ['one of two fails', ['operational', 'major_outage'], 'partial_outage'],
    ['one of three fails', ['major_outage', 'operational', 'operational'], 'partial_outage'],
    ['two of three fail', ['major_outage', 'major_outage', 'operational'], 'partial_outage'],
    ['one fails, one slow', ['degraded_performance', 'major_outage'], 'partial_outage'],
    ['one slow, others pass', ['operational', 'degraded_performance'], 'degraded_performance'],
    ['a third-party partial outage', ['operational', 'partial_outage'], 'partial_outage'],
  ])('%s → %s', (_, statuses, expected) => {
    expect(combineCheckStatuses(statuses)).toBe(expected);
  });
});

describe('componentStatus', () => {
  test.each<[string, boolean, HealthStatus | undefined, HealthStatus[], ComponentStatus]>([
    ['nothing known', false, undefined, [], 'operational'],
    ['probe only', false, 'degraded_performance', [], 'degraded_performance'],
    [
      'maintenance overrides a major outage',
      true,
      'major_outage',
      ['major_outage'],
      'under_maintenance',
    ],
    ['maintenance with nothing else', true, undefined, [], 'under_maintenance'],
    ['incident worse than probe', false, 'operational', ['partial_outage'], 'partial_outage'],
    ['probe worse than incident', false, 'major_outage', ['degraded_performance'], 'major_outage'],
    [
      'worst of several incidents',
      false,
      'operational',
      ['degraded_performance', 'major_outage', 'partial_outage'],
      'major_outage',
    ],
    [
      'no check: incidents alone',
      false,
      undefined,
      ['degraded_performance'],
      'degraded_performance',
    ],
    ['no check: incident setting operational', false, undefined, ['operational'], 'operational'],
  ])('%s → %s', (_, inMaintenance, probe, incidents, expected) => {
    expect(componentStatus({ inMaintenance, probe, incidents })).toBe(expected);
  });
});

describe('pageIndicator', () => {
  test.each<[string, ComponentStatus[], Impact[], Indicator]>([
    ['everything operational', ['operational', 'operational'], [], 'none'],
    ['no components', [], [], 'none'],
    [
      'any major_outage → critical',
      ['operational', 'major_outage', 'degraded_performance'],
      [],
      'critical',
    ],
    [
      'any partial_outage → major',
      ['partial_outage', 'degraded_performance', 'operational'],
      [],
      'major',
    ],
    ['any degraded_performance → minor', ['operational', 'degraded_performance'], [], 'minor'],
    ['only maintenance → maintenance', ['operational', 'under_maintenance'], [], 'maintenance'],
    ['maintenance and trouble → the trouble', ['under_maintenance', 'partial_outage'], [], 'major'],
    [
      'maintenance + minor incident → minor',
      ['under_maintenance', 'operational'],
      ['minor'],
      'minor',
    ],
    ['incident raises operational to its impact', ['operational'], ['major'], 'major'],
    ['critical incident on a quiet page', ['operational'], ['critical'], 'critical'],
    ['incident never lowers', ['major_outage'], ['minor'], 'critical'],
    ['impact none raises nothing', ['operational'], ['none'], 'none'],
    ['impact none leaves maintenance', ['under_maintenance'], ['none'], 'maintenance'],
    [
      'the highest impact of several',
      ['degraded_performance'],
      ['minor', 'major', 'none'],
      'major',
    ],
  ])('%s', (_, statuses, impacts, expected) => {
    expect(pageIndicator(statuses, impacts)).toBe(expected);
  });

  test('unresolved impacts are optional', () => {
    expect(pageIndicator(['degraded_performance'])).toBe('minor');
  });
});

describe('INDICATOR_DESCRIPTIONS', () => {
  test.each<[Indicator, string]>([
    ['none', 'All Systems Operational'],
    ['minor', 'Partially Degraded Service'],
    ['major', 'Partial System Outage'],
    ['critical', 'Major System Outage'],
    ['maintenance', 'Service Under Maintenance'],
  ])('%s → "%s"', (indicator, text) => {
    expect(INDICATOR_DESCRIPTIONS[indicator]).toBe(text);
  });

  test('has exactly the five indicators', () => {
    expect(Object.keys(INDICATOR_DESCRIPTIONS).sort()).toEqual([
      'critical',
      'maintenance',
      'major',
      'minor',
      'none',
    ]);
  });
});

describe('isResolvedStatus', () => {
  test.each<[IncidentStatus, boolean]>([
    ['investigating', false],
    ['identified', false],
    ['monitoring', false],
    ['resolved', true],
    ['postmortem', true],
  ])('%s → %s', (status, expected) => {
    expect(isResolvedStatus(status)).toBe(expected);
  });
});
