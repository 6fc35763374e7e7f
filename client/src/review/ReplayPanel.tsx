import { useEffect, useMemo, useRef, useState } from 'react';
import { Pause, Play } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { API_ROUTES, type ExerciseReview, type LogEntry, type ReplayMoment } from '@startex/shared';
import { call } from '../lib/api.ts';
import { describeEntry } from '../lib/describeEntry.ts';
import { exerciseWords, type ExerciseWords } from '../lib/exerciseWords.ts';
import { useExercise } from '../lib/useExercise.ts';
import { clock } from './format.ts';
import { CONTROL_LANE, LANE_MARK_KINDS, replayLanes, type LaneMarkKind } from './replayLanes.ts';

const SPEEDS = [1, 10, 60] as const;
const TICK_MS = 250;
/** A symbol per kind of mark, so the lanes never rest on colour alone. */
const MARK_SYMBOL: Record<LaneMarkKind, string> = { released: '▼', delivered: '▽', acknowledged: '✓', action: '●', message: '■', observation: '◆', control: '│' };

/**
 * The exercise as a timeline to scrub and play: one swimlane per team (injects released to it,
 * delivered and acknowledged, its actions, messages, observations about it) and one for exercise
 * control, with a cursor; below it, the state the live host had at that moment (the server's replay).
 */
export function ReplayPanel({ exerciseId, review }: { exerciseId: string; review: ExerciseReview }) {
  const { t } = useTranslation('review');
  // The log and the scenario's words as this reviewer may see them, from the exercise's own feed.
  const exercise = useExercise({ exerciseId });
  const words = useMemo(() => exerciseWords(exercise.view, exercise.entries, t), [exercise.view, exercise.entries, t]);
  const [moment, setMoment] = useState<ReplayMoment | undefined>();
  const [atMs, setAtMs] = useState<number | undefined>();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(10);
  const span = moment?.span;
  const latest = useRef(0);
  const lanes = useMemo(() => replayLanes(exercise.entries, review.teams.map((team) => team.teamId)), [exercise.entries, review.teams]);

  // Fetch the moment for the slider's time; answers that come back out of order are dropped.
  useEffect(() => {
    const ask = ++latest.current;
    const query = atMs === undefined ? { atSeq: 0 } : { atMs: Math.round(atMs) };
    void call(API_ROUTES.replay, { params: { id: exerciseId }, query }).then((r) => {
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

  if (!moment || !span) return <p>{t('replay.loading')}</p>;
  const value = atMs ?? span.fromMs;
  // Whole seconds from the start, rounded up so that the last entry is always within reach.
  const end = span.fromMs + Math.max(1000, Math.ceil((span.toMs - span.fromMs) / 1000) * 1000);
  const at = (ms: number) => `${(Math.min(Math.max(ms, span.fromMs), end) - span.fromMs) / (end - span.fromMs) * 100}%`;
  const controlEntries = exercise.entries.filter((e) => e.exerciseTimeMs <= value && e.actor.kind === 'controller').slice(-10).reverse();
  const heldNow = Object.entries(moment.held);

  return (
    <>
      <h2>{t('replay.heading')}</h2>
      <div className="replay-controls">
        <button type="button" data-testid="replay-play" onClick={() => {
          if (!playing && value >= span.toMs) setAtMs(span.fromMs);
          setPlaying(!playing);
        }}>
          {playing ? <Pause aria-hidden="true" size={18} /> : <Play aria-hidden="true" size={18} />}
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
        <label htmlFor="replay-slider" className="replay-time-label">{t('replay.slider')}: <output data-testid="replay-time">{clock(value)}</output></label>
      </div>
      <div className="replay-timeline" data-testid="replay-timeline">
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
        <ul className="swimlanes" aria-label={t('replay.lanes')}>
          {[...lanes].map(([lane, marks]) => (
            <li key={lane || 'control'} className="swimlane">
              <span className="swimlane-name">{lane === CONTROL_LANE ? t('replay.controlLane') : words.team(lane)}</span>
              <span className="swimlane-track">
                {marks.map((m) => (
                  <button
                    key={`${m.entry.seq}-${m.kind}`}
                    type="button"
                    className={`mark mark-${m.kind}${m.atMs > value ? ' is-later' : ''}`}
                    style={{ left: at(m.atMs) }}
                    title={`${clock(m.atMs)} ${describeEntry(m.entry, t, words)}`}
                    aria-label={`${clock(m.atMs)} ${t(`replay.mark.${m.kind}`)}: ${describeEntry(m.entry, t, words)}`}
                    onClick={() => setAtMs(Math.max(span.fromMs, Math.min(end, m.atMs)))}
                  >
                    <span aria-hidden="true">{MARK_SYMBOL[m.kind]}</span>
                  </button>
                ))}
                <span className="cursor" style={{ left: at(value) }} aria-hidden="true" />
              </span>
            </li>
          ))}
        </ul>
        <ul className="replay-legend" aria-label={t('replay.legend')}>
          {LANE_MARK_KINDS.map((kind) => (
            <li key={kind}><span className={`mark-symbol mark-${kind}`} aria-hidden="true">{MARK_SYMBOL[kind]}</span> {t(`replay.mark.${kind}`)}</li>
          ))}
        </ul>
      </div>
      <p data-testid="replay-at" className="hint">{t('replay.at', { time: clock(Number.isFinite(moment.atMs) ? moment.atMs : moment.exerciseTimeMs), seq: moment.lastSeq, last: clock(moment.exerciseTimeMs) })}</p>
      <dl className="replay-state" data-testid="replay-state">
        <dt>{t('replay.status')}</dt><dd>{t(`common:status.${moment.status}`)}</dd>
        <dt>{t('replay.states')}</dt><dd>{moment.states.length ? words.phase(moment.states) : t('replay.none')}</dd>
        <dt>{t('replay.timers')}</dt><dd>{Object.entries(moment.timers).map(([k, v]) => `${words.timer(k)} (${clock(v)})`).join('; ') || t('replay.none')}</dd>
        <dt>{t('replay.held')}</dt><dd>{heldNow.map(([k, v]) => `${words.inject(k)}: ${v}`).join('; ') || t('replay.none')}</dd>
      </dl>
      <div className="replay-teams">
        {moment.teams.map((team) => (
          <section key={team.teamId} className="review-card" data-testid={`replay-team-${team.teamId}`}>
            <h3>{words.team(team.teamId)}</h3>
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
                <li key={a.seq}>{clock(a.atMs)} {words.action(a.actionId)}</li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <h3>{t('replay.latest')}</h3>
      <ol className="replay-control" data-testid="replay-control">
        {controlEntries.map((e) => (
          <li key={e.seq}>{clock(e.exerciseTimeMs)} {actorOf(e, words)}{describeEntry(e, t, words)}</li>
        ))}
      </ol>
    </>
  );
}

/** Who made an entry, before its description: a person by name, a team by its name; the scenario itself goes unnamed. */
function actorOf(entry: LogEntry, words: ExerciseWords): string {
  switch (entry.actor.kind) {
    case 'controller':
    case 'evaluator':
      return entry.actor.name ? `${entry.actor.name}: ` : '';
    case 'participant':
      return `${words.team(entry.actor.teamId)}: `;
    case 'system':
      return '';
    default: {
      const exhaustive: never = entry.actor;
      return exhaustive;
    }
  }
}
