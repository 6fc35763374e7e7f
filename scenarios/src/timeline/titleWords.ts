import type { ScenarioDocument } from '@startex/shared';

/**
 * The words the timeline's expansion writes into the titles of the states it generates, in the
 * scenario's language: people see these titles (the console's statechart, the wall display, the
 * review's phases), beside the rows' own subjects.
 */
export interface TitleWords {
  mainTimeline: string;
  /** A region of rows timed after a moment of play. */
  after(moment: string): string;
  /** Minutes after a moment, as a time. */
  minutesAfter(minutes: number, moment: string): string;
  waitingFor(moment: string): string;
  willNotCome(moment: string): string;
  endexRule(n: number): string;
  /** A row or EndEx rule at a moment: waiting for it, done, or closed (its moment can no longer come). */
  waiting(what: string): string;
  done(what: string): string;
  closed(what: string): string;
  beforeRow(number: number): string;
  open(decision: string): string;
  decided: string;
  notDecidedInTime(defaultOption: string): string;
  /** Moments: a decision taken (an option chosen), an action taken, an inject acknowledged. */
  decision(decision: string, option: string | undefined): string;
  action(action: string): string;
  acknowledgement(inject: string): string;
  /** Who a moment is by: " by Police", " by every one of Police, Customs". */
  by(teams: string, every: boolean): string;
  /** A deadline's window: before it opens, open, passed, met early, passed because the decision went the other way. */
  notYet: string;
  windowOpen: string;
  passed: string;
  met: string;
  passedOtherDecision: string;
  from(what: string): string;
  until(time: string): string;
}

const en: TitleWords = {
  mainTimeline: 'Main timeline',
  after: (moment) => `After ${moment}`,
  minutesAfter: (minutes, moment) => `${minutes} min after ${moment}`,
  waitingFor: (moment) => `Waiting for ${moment}`,
  willNotCome: (moment) => `Closed: ${moment} will not come`,
  endexRule: (n) => `EndEx rule ${n}`,
  waiting: (what) => `Waiting: ${what}`,
  done: (what) => `Done: ${what}`,
  closed: (what) => `Closed: ${what}`,
  beforeRow: (number) => `Before #${number}`,
  open: (decision) => `Open: ${decision}`,
  decided: 'Decided',
  notDecidedInTime: (option) => `Not decided in time: ${option}`,
  decision: (decision, option) => (option ? `decision “${decision}”: ${option}` : `decision “${decision}”`),
  action: (action) => `“${action}”`,
  acknowledgement: (inject) => `acknowledgement of “${inject}”`,
  by: (teams, every) => ` by ${every ? 'every one of ' : ''}${teams}`,
  notYet: 'Not yet',
  windowOpen: 'Open',
  passed: 'Passed',
  met: 'Met',
  passedOtherDecision: 'Passed: the decision went another way',
  from: (what) => `From ${what}`,
  until: (time) => `Until ${time}`,
};

const lt: TitleWords = {
  mainTimeline: 'Pagrindinė eiga',
  after: (moment) => `Po: ${moment}`,
  minutesAfter: (minutes, moment) => `${minutes} min. po: ${moment}`,
  waitingFor: (moment) => `Laukiama: ${moment}`,
  willNotCome: (moment) => `Uždaryta: ${moment} nebeįvyks`,
  endexRule: (n) => `EndEx taisyklė ${n}`,
  waiting: (what) => `Laukiama: ${what}`,
  done: (what) => `Įvyko: ${what}`,
  closed: (what) => `Uždaryta: ${what}`,
  beforeRow: (number) => `Iki #${number}`,
  open: (decision) => `Laukia sprendimo: ${decision}`,
  decided: 'Nuspręsta',
  notDecidedInTime: (option) => `Laiku nenuspręsta: ${option}`,
  decision: (decision, option) => (option ? `sprendimas „${decision}“: ${option}` : `sprendimas „${decision}“`),
  action: (action) => `„${action}“`,
  acknowledgement: (inject) => `patvirtintas įvadas „${inject}“`,
  by: (teams, every) => ` (${every ? 'kiekviena iš: ' : ''}${teams})`,
  notYet: 'Dar ne',
  windowOpen: 'Atvira',
  passed: 'Praėjo',
  met: 'Įvykdyta',
  passedOtherDecision: 'Praėjo: nuspręsta kitaip',
  from: (what) => `Nuo: ${what}`,
  until: (time) => `Iki ${time}`,
};

export const TITLE_WORDS: Record<ScenarioDocument['language'], TitleWords> = { en, lt };
