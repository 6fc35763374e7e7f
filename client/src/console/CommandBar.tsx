import { useTranslation } from 'react-i18next';
import type { ExerciseView } from '@startex/shared';
import { allowed } from './commands.ts';
import type { MselRow } from './msel.ts';
import { shortcutLabel, type ShortcutId } from './shortcuts.ts';

/** Commands on the selected inject, ad hoc injects, broadcasts and the scenario's open decisions. */
export function CommandBar({
  view,
  decisions,
  selected,
  act,
}: {
  view: ExerciseView | undefined;
  decisions: { decision: string; label: string }[];
  selected: MselRow | undefined;
  act: (id: ShortcutId, arg?: string) => void;
}) {
  const { t } = useTranslation('console');
  const out = selected?.state === 'released' || selected?.adHoc;
  const button = (id: ShortcutId, label: string, enabled: boolean, className = 'secondary') => (
    <button type="button" className={className} disabled={!enabled} aria-keyshortcuts={shortcutLabel(id)} onClick={() => act(id)}>
      {label}
      <kbd aria-hidden="true">{shortcutLabel(id)}</kbd>
    </button>
  );
  return (
    <section className="command-bar" aria-label={t('commands.label')}>
      <div className="command-group selected-inject" role="group" aria-label={t('commands.selected')}>
        <span className="selected-label" aria-live="polite">
          {selected ? (
            <>
              <span className="label">{t('commands.selected')}</span> <strong>#{selected.number} {selected.subject}</strong>
            </>
          ) : (
            <span className="muted">{t('commands.noneSelected')}</span>
          )}
        </span>
        {button('release', t('command.release'), !!selected && !out && allowed('release', view), selected?.state === 'held' ? 'warn-button' : '')}
        {button('hold', t('command.hold'), !!selected && !out && selected.state !== 'held' && allowed('hold', view))}
        {button('skip', t('command.skip'), !!selected && !out && selected.state !== 'skipped' && allowed('skip', view), 'danger-outline')}
        {button('edit', t('command.edit'), !!selected && !out && allowed('edit', view))}
      </div>
      <div className="command-group" role="group" aria-label={t('commands.play')}>
        {button('adhoc', t('command.adhoc'), allowed('adhoc', view))}
        {button('broadcast', t('command.broadcast'), allowed('broadcast', view))}
        {button('help', t('command.help'), true)}
      </div>
      {decisions.length > 0 && (
        <div className="command-group decisions" role="group" aria-label={t('commands.decisions')}>
          <span className="label">{t('commands.decisions')}</span>
          {decisions.map((d, i) => (
            <button key={d.decision} type="button" className="decision" aria-keyshortcuts={i < 9 ? String(i + 1) : undefined} onClick={() => act('decide', d.decision)}>
              {d.label}
              {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
