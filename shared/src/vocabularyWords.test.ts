import { describe, expect, it } from 'vitest';
import { Rating } from './logEntry.ts';
import { ActivityKind, ProgrammeFunction } from './programme.ts';
import { ImprovementStatus } from './report.ts';
import { ChartLanguage } from './review.ts';
import { Agency, ExerciseType, InjectChannel, SecurityFunction } from './scenario/vocabulary.ts';
import {
  ACTIVITY_KIND_WORDS,
  AGENCY_TYPE_WORDS,
  EXERCISE_TYPE_WORDS,
  IMPROVEMENT_STATUS_WORDS,
  INJECT_CHANNEL_WORDS,
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
  ['ratings', Rating.options, RATING_WORDS],
  ['ratings with their letter', Rating.options, RATING_WITH_LETTER_WORDS],
  ['improvement statuses', ImprovementStatus.options, IMPROVEMENT_STATUS_WORDS],
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

  it('writes a vocabulary mid-sentence with its first letters in lower case', () => {
    expect(midSentence(INJECT_CHANNEL_WORDS.en)).toMatchObject({ email: 'e-mail', 'face-to-face': 'face to face' });
    expect(midSentence(SECURITY_FUNCTION_WORDS.lt)).toEqual({ prevention: 'prevencija', detection: 'aptikimas', response: 'reagavimas' });
    expect(RATING_WITH_LETTER_WORDS.lt.U).toBe('U: atlikti nepavyko');
  });
});
