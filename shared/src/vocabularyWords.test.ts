import { describe, expect, it } from 'vitest';
import { ExerciseRole } from './auth.ts';
import { Rating } from './logEntry.ts';
import { ActivityKind, ActivityStatus, EvidenceKind, NeedPriority, NeedStatus, ProgrammeFunction } from './programme.ts';
import { CapabilityElement, ImprovementStatus } from './report.ts';
import { ChartLanguage } from './review.ts';
import { Agency, ExerciseType, InjectChannel, SecurityFunction } from './scenario/vocabulary.ts';
import {
  ACTIVITY_KIND_WORDS,
  ACTIVITY_STATUS_WORDS,
  AGENCY_TYPE_WORDS,
  CAPABILITY_ELEMENT_WORDS,
  EVIDENCE_KIND_WORDS,
  EXERCISE_ROLE_WORDS,
  EXERCISE_TYPE_WORDS,
  IMPROVEMENT_STATUS_WORDS,
  INJECT_CHANNEL_WORDS,
  NEED_PRIORITY_WORDS,
  NEED_STATUS_WORDS,
  PROGRAMME_FUNCTION_WORDS,
  RATING_WITH_LETTER_WORDS,
  RATING_WORDS,
  SECURITY_FUNCTION_WORDS,
  midSentence,
} from './vocabularyWords.ts';

// Each table beside the values of its vocabulary, as the schemas list them at run time.
const TABLES: [name: string, values: readonly string[], words: Readonly<Record<ChartLanguage, Readonly<Record<string, string>>>>][] = [
  ['agency types', Agency.options, AGENCY_TYPE_WORDS],
  ['inject channels', InjectChannel.options, INJECT_CHANNEL_WORDS],
  ['exercise types', ExerciseType.options, EXERCISE_TYPE_WORDS],
  ['activity kinds', ActivityKind.options, ACTIVITY_KIND_WORDS],
  ['security functions', SecurityFunction.options, SECURITY_FUNCTION_WORDS],
  ['programme functions', ProgrammeFunction.options, PROGRAMME_FUNCTION_WORDS],
  ['exercise roles', ExerciseRole.options, EXERCISE_ROLE_WORDS],
  ['ratings', Rating.options, RATING_WORDS],
  ['ratings with their letter', Rating.options, RATING_WITH_LETTER_WORDS],
  ['improvement statuses', ImprovementStatus.options, IMPROVEMENT_STATUS_WORDS],
  ['capability elements', CapabilityElement.options, CAPABILITY_ELEMENT_WORDS],
  ['need statuses', NeedStatus.options, NEED_STATUS_WORDS],
  ['need priorities', NeedPriority.options, NEED_PRIORITY_WORDS],
  ['kinds of evidence', EvidenceKind.options, EVIDENCE_KIND_WORDS],
  ['activity statuses', ActivityStatus.options, ACTIVITY_STATUS_WORDS],
];

describe('vocabulary words', () => {
  for (const [name, values, words] of TABLES) {
    for (const language of ChartLanguage.options) {
      it(`names every one of the ${name} in ${language}, each differently`, () => {
        expect(Object.keys(words[language]).sort()).toEqual([...values].sort());
        const labels = values.map((value) => words[language][value]?.trim() ?? '');
        expect(labels.filter((label) => label === '')).toEqual([]);
        expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
      });
    }
  }

  it('writes a vocabulary mid-sentence with its first letters in lower case, an abbreviation as it is', () => {
    expect(midSentence(INJECT_CHANNEL_WORDS.en)).toMatchObject({ email: 'e-mail', 'face-to-face': 'face to face' });
    expect(midSentence(EVIDENCE_KIND_WORDS.en)).toMatchObject({ 'aar-finding': 'AAR finding', 'threat-assessment': 'threat assessment' });
    expect(midSentence(SECURITY_FUNCTION_WORDS.lt)).toEqual({ prevention: 'prevencija', detection: 'aptikimas', response: 'reagavimas' });
    expect(RATING_WITH_LETTER_WORDS.lt.U).toBe('U: atlikti nepavyko');
  });
});
