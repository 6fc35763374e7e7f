import { describe, expect, it } from 'vitest';
import { chartRows, renderChartPng, renderChartSvg } from '../../src/review/charts.ts';
import { CHART_WORDS } from '../../src/review/chartWords.ts';
import { computeReview } from '../../src/review/computeReview.ts';
import { FIXTURE_LOG, FIXTURE_SCENARIO } from './reviewFixture.ts';

const review = computeReview(FIXTURE_SCENARIO, FIXTURE_LOG);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('review charts', () => {
  it('draw the fixture\'s figures (the same rows the page shows as a table)', () => {
    // Medians from review.fixture.test.ts, in minutes: customs 20 s / 60 s / 150 s, police 10 s / 60 s / 300 s.
    expect(chartRows('response-times', review)).toEqual([
      { team: 'Customs post', step: 'delivered', minutes: 0.3 },
      { team: 'Customs post', step: 'acknowledged', minutes: 1 },
      { team: 'Customs post', step: 'first action', minutes: 2.5 },
      { team: 'Police patrol', step: 'delivered', minutes: 0.2 },
      { team: 'Police patrol', step: 'acknowledged', minutes: 1 },
      { team: 'Police patrol', step: 'first action', minutes: 5 },
    ]);
    expect(chartRows('phases', review)).toEqual([
      { phase: 'Alarm and response', from: 0, to: 15 },
      { phase: 'Wrap', from: 15, to: 20 },
    ]);
    expect(chartRows('ratings', review)).toEqual([
      { rating: 'P', level: 'capability targets', count: 0 },
      { rating: 'P', level: 'capabilities', count: 1 },
      { rating: 'S', level: 'capability targets', count: 1 },
      { rating: 'S', level: 'capabilities', count: 0 },
      { rating: 'M', level: 'capability targets', count: 1 },
      { rating: 'M', level: 'capabilities', count: 0 },
      { rating: 'U', level: 'capability targets', count: 0 },
      { rating: 'U', level: 'capabilities', count: 0 },
    ]);
  });

  it('render to SVG with their titles, axes and labels', async () => {
    const expected = {
      'response-times': ['Median minutes from release, per team', 'Customs post', 'Police patrol', 'first action', 'minutes after release (median)'],
      phases: ['Scenario phases over exercise time (minutes)', '>Alarm and response<', '>Wrap<', 'exercise time (minutes)'],
      ratings: ['Final ratings (P/S/M/U)', 'capability targets', 'capabilities', '>P<', '>U<'],
    } as const;
    for (const [chart, labels] of Object.entries(expected) as [keyof typeof expected, readonly string[]][]) {
      const svg = await renderChartSvg(chart, review);
      expect(svg.startsWith('<svg'), chart).toBe(true);
      for (const label of labels) expect(svg, `${chart}: ${label}`).toContain(label);
    }
  });

  it('label their axes in whole seconds when everything happened at once, never "0.000000"', async () => {
    const zero = { medianMs: 0, maxMs: 0 };
    const instant = {
      ...review,
      endedAtMs: 0,
      phases: review.phases.map((p) => ({ ...p, fromMs: 0, toMs: 0 })),
      teams: review.teams.map((t) => ({ ...t, releaseToDelivery: { ...t.releaseToDelivery, ...zero }, releaseToAcknowledge: { ...t.releaseToAcknowledge, ...zero }, releaseToAction: { ...t.releaseToAction, ...zero } })),
      evaluation: { ...review.evaluation, distribution: { targets: { P: 0, S: 0, M: 0, U: 0 }, capabilities: { P: 0, S: 0, M: 0, U: 0 } } },
    };
    expect(chartRows('response-times', instant)[0]).toEqual({ team: 'Customs post', step: 'delivered', seconds: 0 });
    for (const chart of ['response-times', 'phases', 'ratings'] as const) {
      const svg = await renderChartSvg(chart, instant);
      const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
      expect(labels.filter((l) => /^-?\d*\.\d+$/.test(l)), chart).toEqual([]);
      expect(labels, chart).toContain('1');
      if (chart !== 'ratings') expect(svg, chart).toContain('seconds');
    }
  });

  it('show a phase that began and ended at once as a visible tick, not a bar of no width', async () => {
    const play = review.phases[0]!;
    const wrap = review.phases[1]!;
    const paused = { ...review, phases: [play, { ...wrap, state: 'pause', title: 'Pause', fromMs: play.toMs!, toMs: play.toMs! }, wrap] };
    expect(chartRows('phases', paused)[1]).toEqual({ phase: 'Pause', from: 15, to: 15 });
    const svg = await renderChartSvg('phases', paused);
    const marks = [...svg.matchAll(/<path aria-label="([^"]*phase: [^"]*)"[^>]*aria-roledescription="(\w+)" d="([^"]*)"/g)].map(([, label, role, d]) => ({ label, role, width: pathWidth(d!) }));
    // Every bar of positive length keeps its bar and gets no tick; the zero-length one gets a tick some pixels wide.
    expect(marks.filter((m) => m.role === 'tick').map((m) => m.label)).toEqual(['exercise time (minutes): 15; phase: Pause']);
    expect(marks.find((m) => m.role === 'tick')!.width).toBeGreaterThanOrEqual(3);
    expect(marks.filter((m) => m.role === 'bar' && !m.label!.includes('Pause')).every((m) => m.width > 100)).toBe(true);
  });

  it('render to PNG for the PDF and DOCX reports', async () => {
    for (const chart of ['response-times', 'phases', 'ratings'] as const) {
      const png = await renderChartPng(chart, review);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), chart).toBe(true);
      // Twice the SVG's 560-pixel plot width, and more for the axis labels.
      expect(png.readUInt32BE(16), chart).toBeGreaterThan(1120);
    }
  });
});

/** The horizontal extent in pixels of an SVG path: from its first x to its widest x. */
function pathWidth(d: string): number {
  const absolute = [...d.matchAll(/[ML](-?[\d.]+),/g)].map((m) => Number(m[1]));
  const relative = [...d.matchAll(/h(-?[\d.]+)/g)].map((m) => Number(m[1]));
  const start = absolute[0] ?? 0;
  let x = start;
  const xs = [start, ...absolute];
  for (const dx of relative) xs.push((x += dx));
  return Math.max(...xs) - Math.min(...xs);
}

describe('chart labels', () => {
  it('print whole team names and phase names in words, never cut short or as state keys', async () => {
    const long = 'Customs post Vilkupiai: officers on lane 3 of the northern crossing';
    const named = { ...review, teams: review.teams.map((t, i) => (i === 0 ? { ...t, name: long } : t)) };
    const times = await renderChartSvg('response-times', named);
    expect(times).toContain(`>${long}<`);
    expect(times).not.toContain('…');
    const phaseTitle = 'Secondary inspection: the truck held on lane 3 while the supervisor re-scans it';
    const titled = computeReview({ ...FIXTURE_SCENARIO, machine: { initial: 'play', states: { play: { title: phaseTitle }, wrap: {} } } }, FIXTURE_LOG);
    const phases = await renderChartSvg('phases', titled);
    expect(phases).toContain(`>${phaseTitle}<`);
    expect(phases).toContain('>Wrap<');
    expect(phases).not.toMatch(/>(play|wrap)</);
  });
});

describe('chart words in the viewer’s language', () => {
  // The bug: the review in Lithuanian showed charts titled and labelled in English.
  it('draw titles, axes and legends in Lithuanian when asked, and no English word of their own', async () => {
    const expected = {
      'response-times': ['Mediana nuo išsiuntimo kiekvienai komandai (min)', 'min po išsiuntimo (mediana)', 'pasiekta', '>pristatyta<', '>patvirtinta<', '>pirmas veiksmas<'],
      phases: ['Scenarijaus etapai pratybų laike (min)', 'pratybų laikas (min)', '>Alarm and response<'],
      ratings: ['Galutiniai įvertinimai (P/S/M/U)', '>gebėjimų tikslai<', '>gebėjimai<', '>įvertinimas<', '>skaičius<', '>lygmuo<'],
    } as const;
    const english = /\bMedian\b|release|reached|delivered|acknowledged|first action|exercise time|capabilit|rating|count|level/;
    for (const [chart, labels] of Object.entries(expected) as [keyof typeof expected, readonly string[]][]) {
      const svg = await renderChartSvg(chart, review, CHART_WORDS.lt);
      for (const label of labels) expect(svg, `${chart}: ${label}`).toContain(label);
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
      expect(texts.filter((text) => english.test(text)), chart).toEqual([]);
    }
  });
});
