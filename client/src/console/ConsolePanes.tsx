import { useSyncExternalStore, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { useTranslation } from 'react-i18next';

/** Below this width the panes stack and the page scrolls (a console is a desk screen; this keeps smaller ones usable). */
const PANES_FROM = '(min-width: 1000px)';

function useWide(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia(PANES_FROM);
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
    () => window.matchMedia(PANES_FROM).matches,
  );
}

/** Each person's pane sizes, kept on this device. (Panel ids become the panels' ids and test ids: hence the prefix.) */
function usePaneLayout(userId: string, group: string, panelIds: string[]) {
  return useDefaultLayout({ id: `startex.console.${userId}.${group}`, panelIds, storage: localStorage });
}

/**
 * The operations screen: MSEL over the SimCell inbox, statechart over the team board, and the live
 * feed, side by side and all on screen at once, in panes a controller resizes with the mouse or the
 * keyboard (react-resizable-panels: accessible separators, sizes remembered per person, instead of
 * hand-written drag code).
 */
export function ConsolePanes({ userId, msel, simcell, graph, teams, feed }: { userId: string; msel?: ReactNode; simcell: ReactNode; graph?: ReactNode; teams: ReactNode; feed: ReactNode }) {
  const { t } = useTranslation('console');
  const wide = useWide();
  const columns = usePaneLayout(userId, 'columns', ['pane-left', 'pane-middle', 'pane-feed']);
  const left = usePaneLayout(userId, 'left', ['pane-msel', 'pane-simcell']);
  const middle = usePaneLayout(userId, 'middle', ['pane-graph', 'pane-teams']);
  const follow = usePaneLayout(userId, 'follow', ['pane-follow', 'pane-feed']);
  if (!wide) {
    return <div className="console-stack">{msel}{graph}{teams}{simcell}{feed}</div>;
  }
  const separator = (label: string, vertical = false) => <Separator className={`pane-separator${vertical ? ' is-vertical' : ''}`} aria-label={label} />;
  // Without the scenario (a role that follows play rather than runs it): teams and the SimCell beside the feed.
  if (!msel || !graph) {
    return (
      <Group orientation="horizontal" className="console-panes" defaultLayout={follow.defaultLayout} onLayoutChanged={follow.onLayoutChanged}>
        <Panel id="pane-follow" defaultSize="55%" minSize="30%">
          <div className="pane-stack">{teams}{simcell}</div>
        </Panel>
        {separator(t('panes.middleFeed'))}
        <Panel id="pane-feed" defaultSize="45%" minSize="25%">{feed}</Panel>
      </Group>
    );
  }
  return (
    <Group orientation="horizontal" className="console-panes" defaultLayout={columns.defaultLayout} onLayoutChanged={columns.onLayoutChanged}>
      <Panel id="pane-left" defaultSize="38%" minSize="24%">
        <Group orientation="vertical" className="pane-column" defaultLayout={left.defaultLayout} onLayoutChanged={left.onLayoutChanged}>
          <Panel id="pane-msel" defaultSize="66%" minSize="25%">{msel}</Panel>
          {separator(t('panes.mselSimcell'), true)}
          <Panel id="pane-simcell" defaultSize="34%" minSize="12%">{simcell}</Panel>
        </Group>
      </Panel>
      {separator(t('panes.leftMiddle'))}
      <Panel id="pane-middle" defaultSize="34%" minSize="22%">
        <Group orientation="vertical" className="pane-column" defaultLayout={middle.defaultLayout} onLayoutChanged={middle.onLayoutChanged}>
          <Panel id="pane-graph" defaultSize="58%" minSize="20%">{graph}</Panel>
          {separator(t('panes.graphTeams'), true)}
          <Panel id="pane-teams" defaultSize="42%" minSize="15%">{teams}</Panel>
        </Group>
      </Panel>
      {separator(t('panes.middleFeed'))}
      <Panel id="pane-feed" defaultSize="28%" minSize="18%">{feed}</Panel>
    </Group>
  );
}
