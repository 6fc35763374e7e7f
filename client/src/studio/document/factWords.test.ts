import { describe, expect, it } from 'vitest';
import { i18next } from '../../i18n/index.ts';
import '../strings.ts';
import { factWords } from './factWords.ts';
import { namesOf } from './names.ts';
import type { StudioDocument } from './studioDocument.ts';

const document = {
  teams: [
    { id: 'customs', name: 'Customs' },
    { id: 'police', name: 'Police' },
  ],
  actions: [
    { id: 'report_level', label: 'Report the alarm level', teams: ['customs'] },
    { id: 'confirm_cordon', label: 'Confirm the cordon', teams: ['police'] },
  ],
  timeline: [{ id: 'alarm', at: 'T+5', subject: 'Portal alarm', number: 1 }],
} as unknown as StudioDocument;

describe('a condition in words', () => {
  const names = namesOf(document, 'All teams');
  const t = i18next.getFixedT('en', 'studio');

  it('says what a deadline counts from: a row, a moment of play, or StartEx', () => {
    const cordon = { action: 'confirm_cordon', by: 'police', within: 15 };
    expect(factWords({ ...cordon, of: 'alarm' }, names, t)).toContain('within 15 min of #1 Portal alarm');
    expect(factWords({ ...cordon, after: { action: 'report_level', by: 'customs' } }, names, t)).toMatch(/within 15 min of .*Customs.*Report the alarm level/);
    expect(factWords(cordon, names, t)).toMatch(/within 15 min$/);
  });
});
