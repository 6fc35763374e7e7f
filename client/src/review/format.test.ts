import { afterAll, describe, expect, it } from 'vitest';
import { i18next } from '../i18n/index.ts';
import { duration } from './format.ts';
import './strings.ts';

afterAll(() => i18next.changeLanguage('en'));

describe('duration', () => {
  // The bug: a 2-second delivery read "0.0 min", and Lithuanian pages wrote "2.5" for 2,5.
  it('says seconds under a minute and minutes with one decimal after, in the reader’s language', async () => {
    await i18next.changeLanguage('en');
    expect([2_000, 59_400, 150_000, undefined].map(duration)).toEqual(['2 s', '59 s', '2.5 min', '—']);
    await i18next.changeLanguage('lt');
    expect([2_000, 150_000].map(duration)).toEqual(['2 s', '2,5 min']);
  });
});
