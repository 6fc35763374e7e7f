import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY } from '@startex/scenarios';
import type { ExercisePlan, JoinCodeView, PeopleAdded } from '@startex/shared';
import { startServer, type Harness } from '../harness.ts';
import { pdfBody, pdfPages, scenarioKeys } from '../documents/documentText.ts';
import { download, firstSignIn, pdfText, planner, plannedExercise, type Planner } from './planningHelpers.ts';

const B = LIBRARY['detection-portal-alarm']!;
/** STARTEX_PUBLIC_URL: what sheets and briefings print, whatever address the planner's browser used. */
const PUBLIC_URL = 'https://startex.venue.test:3443';
let h: Harness;
let as: Planner;
let exerciseId: string;

beforeAll(async () => {
  h = await startServer({ publicUrl: PUBLIC_URL });
  const alice = await planner(h);
  const customs = (await h.request('POST', '/api/agencies', alice, { name: 'Lietuvos muitinė', type: 'customs', functions: ['detection'], contacts: [] })).json();
  ({ as, exercise: { id: exerciseId } } = await plannedExercise(h, alice, { source: { kind: 'library', scenarioId: 'detection-portal-alarm' } }));
  await h.request('PUT', `/api/exercises/${exerciseId}/team-agencies`, as, { mapping: { customs: customs.id } });
});
afterAll(async () => h.close());

/** Words of a text, so that line breaks pdftotext puts in long titles do not matter. */
const words = (text: string) => text.replace(/\s+/g, ' ');

describe('tablet join codes', () => {
  it('generates one code per team, prints them all on a QR sheet, and reissues a team\'s code', async () => {
    const created = await h.request('POST', `/api/exercises/${exerciseId}/join-codes/teams`, as, {});
    expect(created.statusCode).toBe(201);
    const codes = created.json() as JoinCodeView[];
    expect(codes.map((c) => c.teamId)).toEqual(B.teams.map((t) => t.id));

    const sheet = await download(h, `/api/exercises/${exerciseId}/join-codes/sheet`, as);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.contentType).toBe('application/pdf');
    const text = words(pdfText(sheet.bytes));
    for (const team of B.teams) expect(text).toContain(words(team.name));
    for (const code of codes) expect(text).toContain(code.code);
    expect(text).toContain('Agency: Lietuvos muitinė');
    expect(text).toContain(`${PUBLIC_URL}/tablet#code=${codes[0]!.code}`);

    const reissued = (await h.request('POST', `/api/exercises/${exerciseId}/join-codes/teams`, as, { teams: ['customs'], reissue: true })).json() as JoinCodeView[];
    expect(reissued).toHaveLength(1);
    const old = codes.find((c) => c.teamId === 'customs')!.code;
    expect((await h.server.runtime.store.findGrant(old))!.revokedAt).toEqual(expect.any(Number));
    const after = words(pdfText((await download(h, `/api/exercises/${exerciseId}/join-codes/sheet`, as)).bytes));
    expect(after).toContain(reissued[0]!.code);
    expect(after).not.toContain(old);
    expect((await h.request('POST', `/api/exercises/${exerciseId}/join-codes/teams`, as, { teams: ['astronauts'] })).json()).toMatchObject({ code: 'UNKNOWN_TEAM' });
  });

  it('prints wall-display (observer) codes after the teams\' until they are revoked, valid-until in the exercise\'s zone, every page numbered', async () => {
    const display = (await h.request('POST', `/api/exercises/${exerciseId}/join-codes`, as, { role: 'observer' })).json() as JoinCodeView;
    const pages = pdfPages((await download(h, `/api/exercises/${exerciseId}/join-codes/sheet`, as)).bytes);
    const text = words(pages.join('\n'));
    expect(text).toContain('Wall display 1');
    expect(text).toContain(`${PUBLIC_URL}/display#code=${display.code}`);
    expect(text).toMatch(/Valid until \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/Vilnius\)/);
    expect(text).not.toContain('UTC');
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
    await h.request('DELETE', `/api/exercises/${exerciseId}/join-codes/${display.code}`, as);
    expect(pdfText((await download(h, `/api/exercises/${exerciseId}/join-codes/sheet`, as)).bytes)).not.toContain(display.code);
  });
});

describe('briefing packs', () => {
  /** Strings only control staff may read: inject bodies and subjects, expected actions, branch labels, the summary. */
  const actionLabels = new Set(B.actions.map((a) => a.label));
  const controllerOnly = [
    ...B.injects.map((i) => i.subject),
    // An expected action may share its words with a report button the team has anyway.
    ...B.injects.flatMap((i) => i.expectedActions).filter((a) => !actionLabels.has(a)),
    'Cs-137',
    'KTR 418',
    'Branches:',
    'Master Scenario Events List',
  ];

  it('gives each team a player briefing without controller-only content, and a participant only their own', async () => {
    const response = await download(h, `/api/exercises/${exerciseId}/briefings/player/customs`, as);
    expect(response.statusCode).toBe(200);
    const text = words(pdfText(response.bytes));
    expect(text).toContain('Player briefing: Customs post Vilkupiai: officers on lane 3');
    expect(text).toContain('Agency: Lietuvos muitinė');
    expect(text).not.toContain('(customs)');
    for (const objective of B.objectives) expect(text).toContain(words(objective.title));
    expect(text).toContain('Using the tablet');
    for (const secret of controllerOnly) expect(text, secret).not.toContain(words(secret));

    const participant = await h.member('participant', { exerciseId, teamId: 'customs' });
    expect((await download(h, `/api/exercises/${exerciseId}/briefings/player/customs`, participant)).statusCode).toBe(200);
    expect((await download(h, `/api/exercises/${exerciseId}/briefings/player/police`, participant)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await download(h, `/api/exercises/${exerciseId}/briefings/handbook`, participant)).json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives control staff the handbook with the full MSEL and branches, and an evaluator only their objectives', async () => {
    const text = words(pdfText((await download(h, `/api/exercises/${exerciseId}/briefings/handbook`, as)).bytes));
    for (const inject of B.injects) expect(text).toContain(words(`#${inject.number} ${inject.subject}`));
    for (const action of B.injects.flatMap((i) => i.expectedActions)) expect(text).toContain(words(action));
    expect(text).toContain('Branches and contingencies');
    for (const objective of B.objectives) expect(text).toContain(words(objective.title));
    // Inject bodies are markdown: laid out, never printed as marks; nothing a person reads is a key.
    const pages = pdfPages((await download(h, `/api/exercises/${exerciseId}/briefings/handbook`, as)).bytes);
    const layout = pages.join('\n');
    expect(layout).toContain('GAMMA ALARM — lane 3');
    expect(layout).toMatch(/•\s+Vehicle: articulated truck, plate KTR 418/);
    for (const mark of ['**', '\n- ', '*ferrous']) expect(layout, mark).not.toContain(mark);
    for (const key of scenarioKeys(B)) expect(words(layout), key).not.toContain(key);
    expect(layout).toContain('In "Portal alarm on lane 3", ');
    // Long: a table of contents with page numbers, and every page numbered under a running header.
    expect(pages[0]).toMatch(/Master Scenario Events List \(MSEL\)\s+\d+\n/);
    expect(pages[0]).toMatch(/#1 Gamma alarm on lane 3\s+\d+\n/);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain('Controller and evaluator handbook · CONTROL STAFF ONLY');
    });
    // Long addresses wrap at a hyphen of the id.
    expect(layout.replace(/\s+/g, '')).toContain(`${PUBLIC_URL}/console/${exerciseId}`);

    const added = (await h.request('POST', `/api/exercises/${exerciseId}/people`, as, { name: 'Eglė', email: 'egle@nssc.example.lt', role: 'evaluator', covers: { objectives: ['verify_alarm'], teams: ['customs'] } })).json() as PeopleAdded;
    const evaluator = await firstSignIn(h, added.accounts[0]!, exerciseId);
    const guide = words(pdfBody((await download(h, `/api/exercises/${exerciseId}/briefings/handbook`, evaluator)).bytes, 'Controller and evaluator handbook'));
    expect(guide).toContain('Evaluation guide: your objectives');
    const [mine, ...others] = B.objectives;
    expect(mine!.id).toBe('verify_alarm');
    for (const task of mine!.capabilityTargets.flatMap((t) => t.criticalTasks)) expect(guide).toContain(words(task.title));
    const evaluation = guide.split('Evaluation guide: your objectives').at(-1)!;
    for (const target of mine!.capabilityTargets) expect(evaluation).toContain(words(target.title));
    for (const other of others) {
      expect(evaluation).not.toContain(words(other.title));
      for (const target of other.capabilityTargets) expect(evaluation).not.toContain(words(target.title));
    }
  });

  it('gives observers a briefing without the MSEL', async () => {
    const observer = await h.member('observer', { exerciseId });
    const text = words(pdfText((await download(h, `/api/exercises/${exerciseId}/briefings/observer`, observer)).bytes));
    expect(text).toContain('Observer briefing');
    for (const secret of controllerOnly) expect(text, secret).not.toContain(words(secret));
    expect((await download(h, `/api/exercises/${exerciseId}/briefings/handbook`, observer)).json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('documents in the reader\'s language', () => {
  /** Every page of a PDF numbered "Puslapis n iš N". */
  const numberedInLithuanian = (pages: string[]) => pages.forEach((page, index) => expect(page, `page ${index + 1}`).toContain(`Puslapis ${index + 1} iš ${pages.length}`));
  const none = (text: string, english: string[]) => {
    for (const word of english) expect(text, word).not.toContain(word);
  };
  /** The words every briefing's English version prints about the exercise. */
  const EXERCISE_FACTS = ['The exercise', 'Date:', 'Scenario time at StartEx', 'Exercise type', 'Expected duration', 'scenario minutes', 'Language:', 'Teams and agencies', 'Exercise objectives', 'Page ', 'REAL WORLD'];

  it('prints the join-code sheet in Lithuanian: headings, agency, wall displays, valid-until in the exercise\'s zone named', async () => {
    await h.request('POST', `/api/exercises/${exerciseId}/join-codes`, as, { role: 'observer' });
    const pages = pdfPages((await download(h, `/api/exercises/${exerciseId}/join-codes/sheet?lang=lt`, as)).bytes);
    const text = words(pages.join('\n'));
    for (const expected of [': prisijungimo kodai', 'Nuskenuokite kodą komandos planšete', 'Institucija: Lietuvos muitinė', 'Institucija: Policija', 'Sieninis ekranas 1', 'nerodyti kitoms komandoms']) expect(text, expected).toContain(expected);
    expect(text).toMatch(/Galioja iki \d{4}-\d\d-\d\d \d\d:\d\d \(laiko juosta Europe\/Vilnius\)/);
    numberedInLithuanian(pages);
    none(text, ['join codes', 'Scan the code', 'Agency:', 'Wall display', 'Valid until', 'keep away', 'Page ']);
  });

  it('prints the player briefing in Lithuanian, the scenario\'s own names as written', async () => {
    const pages = pdfPages((await download(h, `/api/exercises/${exerciseId}/briefings/player/customs?lang=lt`, as)).bytes);
    const text = words(pages.join('\n'));
    for (const expected of [
      'Žaidėjų instruktažas: Customs post Vilkupiai: officers on lane 3',
      'Pratybos',
      'Scenarijaus laikas pradžioje: Diena 1 10:00',
      'Pratybų tipas: Funkcinės pratybos',
      'Kalba: anglų',
      'Numatoma trukmė: 120 min. scenarijaus laiko',
      'Jūsų komanda',
      'Institucija: Lietuvos muitinė',
      'Kitos pratybose dalyvaujančios komandos',
      'Pratybų tikslai',
      'Kaip naudotis planšete',
      'Elgesio taisyklės',
      '„TIKRA AVARINĖ SITUACIJA“',
    ]) expect(text, expected).toContain(expected);
    for (const objective of B.objectives) expect(text).toContain(words(objective.title));
    // Long addresses wrap where they may.
    expect(text.replace(/\s+/g, '')).toContain(`${PUBLIC_URL}/tablet`);
    numberedInLithuanian(pages);
    none(text, [...EXERCISE_FACTS, 'Player briefing', 'Your team', 'Agency:', 'Other teams', 'Using the tablet', 'Conduct']);
  });

  it('prints the handbook in Lithuanian: MSEL facts, channels, branches, evaluation guides, contents', async () => {
    const pages = pdfPages((await download(h, `/api/exercises/${exerciseId}/briefings/handbook?lang=lt`, as)).bytes);
    const layout = pages.join('\n');
    const text = words(layout);
    for (const expected of [
      'Kontrolierių ir vertintojų vadovas',
      'TIK PRATYBŲ VALDYMO PERSONALUI',
      'Turinys',
      'Komandos ir institucijos',
      'Pagrindinis scenarijaus įvykių sąrašas (PSĮS)',
      'Scenarijaus laikas: Diena 1',
      'Rūšis: Įprastas',
      'Kanalas: Jutiklis ar signalizacija',
      'Gavėjai: Customs post Vilkupiai',
      'Laukiami veiksmai',
      'Šakos ir atsarginiai įvadai',
      'Būsenoje „Portal alarm on lane 3“',
      'Vertinimo gairės',
      'Gebėjimo tikslas:',
      'Kritinė užduotis:',
      'Kiekvieną gebėjimo tikslą įvertinkite',
      'Rodikliai',
      'tikslas – 3 min',
    ]) expect(text, expected).toContain(expected);
    for (const inject of B.injects) expect(text).toContain(words(`#${inject.number} ${inject.subject}`));
    expect(pages[0]).toMatch(/Pagrindinis scenarijaus įvykių sąrašas \(PSĮS\)\s+\d+\n/);
    pages.forEach((page) => expect(page).toContain('Kontrolierių ir vertintojų vadovas · TIK PRATYBŲ VALDYMO PERSONALUI'));
    numberedInLithuanian(pages);
    none(text, [...EXERCISE_FACTS, 'Controller and evaluator handbook', 'CONTROL STAFF ONLY', 'Contents', 'Master Scenario Events List', 'Branches and contingencies', 'Evaluation guide', 'Expected actions', 'Scenario time:', 'Kind:', 'Channel:', 'Capability target', 'Critical task', 'In "', 'goes to "', 'Metrics']);
    for (const key of scenarioKeys(B)) expect(text, key).not.toContain(key);
  });

  it('prints the observer briefing in Lithuanian', async () => {
    const observer = await h.member('observer', { exerciseId });
    const text = words(pdfText((await download(h, `/api/exercises/${exerciseId}/briefings/observer?lang=lt`, observer)).bytes));
    for (const expected of ['Stebėtojų instruktažas', 'Stebėtojui', 'Stebėkite, bet nedalyvaukite', 'Komandos ir institucijos']) expect(text, expected).toContain(expected);
    expect(text.replace(/\s+/g, '')).toContain(`${PUBLIC_URL}/display`);
    none(text, [...EXERCISE_FACTS, 'Observer briefing', 'As an observer', 'Watch, do not', 'wall display']);
  });

  it('refuses a language it does not print in, naming the field', async () => {
    for (const path of ['join-codes/sheet', 'briefings/handbook', 'briefings/observer', 'briefings/player/customs']) {
      const refused = await download(h, `/api/exercises/${exerciseId}/${path}?lang=fr`, as);
      expect(refused.statusCode, path).toBe(400);
      expect(refused.json(), path).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('query.lang') });
    }
  });

  it('without lang, prints in the exercise\'s language as the plan sets it', async () => {
    const { settings } = (await h.request('GET', `/api/exercises/${exerciseId}/plan`, as)).json() as ExercisePlan;
    const { requireCommsCheck: _derived, ...body } = settings;
    expect((await h.request('PUT', `/api/exercises/${exerciseId}/settings`, as, { ...body, language: 'lt' })).statusCode).toBe(200);
    try {
      expect(words(pdfText((await download(h, `/api/exercises/${exerciseId}/briefings/handbook`, as)).bytes))).toContain('Kontrolierių ir vertintojų vadovas');
      expect(words(pdfText((await download(h, `/api/exercises/${exerciseId}/join-codes/sheet`, as)).bytes))).toContain('Institucija: Lietuvos muitinė');
      const english = words(pdfText((await download(h, `/api/exercises/${exerciseId}/briefings/handbook?lang=en`, as)).bytes));
      expect(english).toContain('Controller and evaluator handbook');
    } finally {
      await h.request('PUT', `/api/exercises/${exerciseId}/settings`, as, body);
    }
  });
});
