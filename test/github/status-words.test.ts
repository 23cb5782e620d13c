/** Status words and labels: what a person types on a phone, read the same way every time. */
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_COMPONENT_STATUS,
  DEFAULT_IMPACT,
  readLabels,
} from '../../src/lib/github/labels.ts';
import { readStatusWord, STATUS_WORDS } from '../../src/lib/github/status-words.ts';

describe('status words', () => {
  test.each([
    // English
    ['Investigating: errors on checkout', 'investigating', 'errors on checkout'],
    ['Identified: the database is full', 'identified', 'the database is full'],
    ['Monitoring: a fix is out', 'monitoring', 'a fix is out'],
    ['Resolved: all good', 'resolved', 'all good'],
    ['Postmortem: see below', 'postmortem', 'see below'],
    // Italian
    ['Analisi in corso: errori al pagamento', 'investigating', 'errori al pagamento'],
    ['Verifica in corso: errori', 'investigating', 'errori'],
    ['Identificato: il database è pieno', 'identified', 'il database è pieno'],
    ['Individuato: il database è pieno', 'identified', 'il database è pieno'],
    ['Causa individuata: il certificato', 'identified', 'il certificato'],
    ['Monitoraggio: correzione applicata', 'monitoring', 'correzione applicata'],
    ['In osservazione: correzione applicata', 'monitoring', 'correzione applicata'],
    ['Sotto osservazione: correzione applicata', 'monitoring', 'correzione applicata'],
    ['Risolto: tutto funziona', 'resolved', 'tutto funziona'],
    // French, with and without accents, with the French space before the colon
    ['Investigation : erreurs au paiement', 'investigating', 'erreurs au paiement'],
    ["En cours d'analyse : erreurs", 'investigating', 'erreurs'],
    ['En cours d’analyse: erreurs', 'investigating', 'erreurs'],
    ['Analyse en cours: erreurs', 'investigating', 'erreurs'],
    ['Identifié : la base est pleine', 'identified', 'la base est pleine'],
    ['Identifie: la base est pleine', 'identified', 'la base est pleine'],
    ['Surveillance : correctif déployé', 'monitoring', 'correctif déployé'],
    ['Sous surveillance: correctif déployé', 'monitoring', 'correctif déployé'],
    ['Résolu : tout fonctionne', 'resolved', 'tout fonctionne'],
    ['RESOLU: tout fonctionne', 'resolved', 'tout fonctionne'],
    ['Analyse post-incident : voir ci-dessous', 'postmortem', 'voir ci-dessous'],
    // Case, emphasis and spacing people use
    ['resolved: lower case', 'resolved', 'lower case'],
    ['**Resolved:** in bold', 'resolved', 'in bold'],
    ['**Identified**: bold word only', 'identified', 'bold word only'],
    ['  Monitoring:no space', 'monitoring', 'no space'],
    ['Resolved:', 'resolved', ''],
    ['Identified:\r\nline two', 'identified', 'line two'],
  ])('%j → %s', (input, status, text) => {
    expect(readStatusWord(input)).toEqual({ status, text });
  });

  test.each([
    'We are resolved to fix it: soon',
    'The API is down. Resolved: not yet',
    'Resolved without a colon',
    'Risolvendo: not a listed word',
    '',
  ])('no status word in %j', (input) => {
    expect(readStatusWord(input)).toEqual({ status: undefined, text: input.trim() });
  });

  test('every word of the table is read as its own status', () => {
    for (const [status, byLocale] of Object.entries(STATUS_WORDS)) {
      for (const word of Object.values(byLocale).flat()) {
        expect(readStatusWord(`${word}: x`), word).toEqual({ status, text: 'x' });
      }
    }
  });
});

describe('labels', () => {
  const known = new Set(['api', 'web', 'whatsapp']);

  test('impact and components, with defaults', () => {
    expect(readLabels(['incident'], known)).toEqual({
      impact: DEFAULT_IMPACT,
      components: {},
      skipped: [],
    });
    expect(
      readLabels(['incident', 'impact:major', 'component:web', 'Component: API = down'], known),
    ).toEqual({
      impact: 'major',
      components: { api: 'major_outage', web: DEFAULT_COMPONENT_STATUS },
      skipped: [],
    });
    // Without an impact label, the fallback given (a template's impact) rather than the default.
    expect(readLabels(['incident', 'impact:huge'], known, 'major').impact).toBe('major');
    expect(readLabels(['impact:none'], known, 'major').impact).toBe('none');
  });

  test('status names: schema words and short ones; the worse wins; the highest impact wins', () => {
    expect(
      readLabels(
        [
          'component:web=degraded_performance',
          'component:web=partial',
          'component:api=degraded',
          'component:whatsapp=operational',
          'impact:critical',
          'impact:minor',
        ],
        known,
      ),
    ).toEqual({
      impact: 'critical',
      components: { api: 'degraded_performance', web: 'partial_outage', whatsapp: 'operational' },
      skipped: [],
    });
  });

  test('unknown components, statuses and impacts are skipped with a reason', () => {
    const facts = readLabels(
      ['component:billing', 'component:api=broken', 'component:api=constructor', 'impact:huge'],
      known,
    );
    expect(facts.components).toEqual({});
    expect(facts.impact).toBe('minor');
    expect(facts.skipped).toEqual([
      'label "component:billing": no component with id "billing" in heliograph.yaml (known ids: api, web, whatsapp)',
      'label "component:api=broken": status is one of operational, degraded_performance, partial_outage, major_outage, up, degraded, partial, down',
      'label "component:api=constructor": status is one of operational, degraded_performance, partial_outage, major_outage, up, degraded, partial, down',
      'label "impact:huge": impact is one of none, minor, major, critical',
    ]);
  });
});
