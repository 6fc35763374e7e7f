import { describe, expect, it } from 'vitest';
import { decisionOptions } from './decisionOptions.ts';

const outcome = [
  { id: 'device_safe', title: 'A: rendered safe' },
  { id: 'device_functions', title: 'B: the device functions' },
];

describe('a decision´s options from the conditions dialog', () => {
  it('keeps the ids rows refer to when the options are saved unchanged (they were made anew from the titles)', () => {
    expect(decisionOptions('A: rendered safe\nB: the device functions', outcome)).toEqual(outcome);
  });

  it('keeps an option´s id when it moves, and when its title is reworded in its place', () => {
    expect(decisionOptions('B: the device functions\nA: rendered safe', outcome)).toEqual([outcome[1], outcome[0]]);
    expect(decisionOptions('A: the bomb squad renders it safe\nB: the device functions', outcome)).toEqual([
      { id: 'device_safe', title: 'A: the bomb squad renders it safe' },
      outcome[1],
    ]);
  });

  it('gives a new option an id of its own words, never one already taken', () => {
    expect(decisionOptions('A: rendered safe\nB: the device functions\nC: nothing happens', outcome)).toEqual([...outcome, { id: 'c_nothing_happens', title: 'C: nothing happens' }]);
    expect(decisionOptions('Yes\nYes, later\nyes', [])).toEqual([
      { id: 'yes', title: 'Yes' },
      { id: 'yes_later', title: 'Yes, later' },
      { id: 'yes_2', title: 'yes' },
    ]);
  });
});
