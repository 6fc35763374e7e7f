import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseReview, ReplayMoment } from '@startex/shared';
import { api } from '../lib/api.ts';
import { clock } from './format.ts';

const SPEEDS = [1, 10, 60] as const;
const TICK_MS = 250;

/** Scrub or play the exercise: the state the live host had at each exercise time, from the server's replay. */
export function ReplayPanel({ exerciseId, review }: { exerciseId: string; review: ExerciseReview }) {
  const { t } = useTranslation('review');
  const [moment, setMoment] = useState<ReplayMoment | undefined>();
  const [atMs, setAtMs] = useState<number | undefined>();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(10);
  const span = moment?.span;
  const latest = useRef(0);

  // Fetch the moment for the slider's time; answers that come back out of order are dropped.
  useEffect(() => {
    const ask = ++latest.current;
    const query = atMs === undefined ? 'atSeq=0' : `atMs=${Math.round(atMs)}`;
    void api<ReplayMoment>(`/api/exercises/${encodeURIComponent(exerciseId)}/replay?${query}`).then((r) => {
      if (!r.ok || ask !== latest.current) return;
      setMoment(r.value);
      // The first answer gives the span: start the slider at the log's first exercise time.
      if (atMs === undefined) setAtMs(r.value.span.fromMs);
    });
  }, [exerciseId, atMs, review.lastSeq]);

  useEffect(() => {
    if (!playing || !span) return;
    const timer = setInterval(() => {
      setAtMs((now) => {
        const next = (now ?? span.fromMs) + TICK_MS * speed;
        if (next >= span.toMs) setPlaying(false);
        return Math.min(next, span.toMs);
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, span]);

  const teamName = (id: string) => review.teams.find((x) => x.teamId === id)?.name ?? id;
  if (!moment || !span) return <p>{t('replay.loading')}</p>;
  const value = atMs ?? span.fromMs;
  // Whole seconds from the start, rounded up so that the last entry is always within reach.
  const end = span.fromMs + Math.max(1000, Math.ceil((span.toMs - span.fromMs) / 1000) * 1000);
  return (
    <>
      <h2>{t('replay.heading')}</h2>
      <div className="replay-controls">
        <label htmlFor="replay-slider">{t('replay.slider')}: <output data-testid="replay-time">{clock(value)}</output></label>
        <input
          id="replay-slider"
          data-testid="replay-slider"
          type="range"
          min={span.fromMs}
          max={end}
          step={1000}
          value={value}
          aria-valuetext={clock(value)}
          onChange={(e) => setAtMs(Number(e.target.value))}
        />
        <div className="replay-buttons">
          <button type="button" data-testid="replay-play" onClick={() => {
            if (!playing && value >= span.toMs) setAtMs(span.fromMs);
            setPlaying(!playing);
          }}>
            {playing ? t('replay.pause') : t('replay.play')}
          </button>
          <fieldset className="replay-speed">
            <legend>{t('replay.speed')}</legend>
            {SPEEDS.map((s) => (
              <label key={s}>
                <input type="radio" name="replay-speed" data-testid={`replay-speed-${s}`} checked={speed === s} onChange={() => setSpeed(s)} /> {s}×
              </label>
            ))}
          </fieldset>
        </div>
      </div>
      <p data-testid="replay-at">{t('replay.at', { time: clock(Number.isFinite(moment.atMs) ? moment.atMs : moment.exerciseTimeMs), seq: moment.lastSeq, last: clock(moment.exerciseTimeMs) })}</p>
      <dl className="replay-state" data-testid="replay-state">
        <dt>{t('replay.status')}</dt><dd>{t(`common:status.${moment.status}`)}</dd>
        <dt>{t('replay.states')}</dt><dd>{moment.states.join(', ') || t('replay.none')}</dd>
        <dt>{t('replay.flags')}</dt>
        <dd>{[...Object.entries(moment.flags).map(([k, v]) => `${k}=${String(v)}`), ...Object.entries(moment.counters).map(([k, v]) => `${k}=${v}`)].join(', ') || t('replay.none')}</dd>
        <dt>{t('replay.timers')}</dt><dd>{Object.entries(moment.timers).map(([k, v]) => `${k} @ ${clock(v)}`).join(', ') || t('replay.none')}</dd>
        <dt>{t('replay.held')}</dt><dd>{Object.entries(moment.held).map(([k, v]) => `${k}: ${v}`).join('; ') || t('replay.none')}</dd>
      </dl>
      <h3>{t('replay.teams')}</h3>
      <div className="replay-teams">
        {moment.teams.map((team) => (
          <section key={team.teamId} className="review-card" data-testid={`replay-team-${team.teamId}`}>
            <h4>{teamName(team.teamId)}</h4>
            <p className="review-label">{t('replay.received')}</p>
            <ul>
              {team.received.map((r) => (
                <li key={r.injectId}>#{r.number} {r.subject} — <span className={`inject-${r.status}`}>{t(`replay.injectStatus.${r.status}`)}</span></li>
              ))}
              {team.received.length === 0 && <li className="empty">{t('replay.none')}</li>}
            </ul>
            <p className="review-label">{t('replay.done', { count: team.actionCount })}</p>
            <ul>
              {team.actions.map((a) => (
                <li key={a.seq}>{clock(a.atMs)} {a.actionId} <span className="review-seq">{t('seq', { seq: a.seq })}</span></li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <h3>{t('replay.control', { count: moment.control.count })}</h3>
      <ol className="replay-control" data-testid="replay-control">
        {moment.control.recent.map((c) => (
          <li key={c.seq}>{clock(c.atMs)} {c.by}: {c.type}{c.summary ? ` — ${c.summary}` : ''} <span className="review-seq">{t('seq', { seq: c.seq })}</span></li>
        ))}
      </ol>
    </>
  );
}
