import { isItem, listOf, rowsOf, stringsOf, textOf, type StudioDocument } from './studioDocument.ts';

/** What people call each id of a document: teams, groups, organisations, tracks, tasks, actions, rows, flags, decisions. */
export interface Names {
  team(id: string): string;
  /** A sender: an organisation or team by name, else the text as written. */
  sender(from: string): string;
  track(id: string): string;
  task(id: string): string;
  action(id: string): string;
  field(action: string, field: string): string;
  /** "#4 Seal mismatch" */
  row(id: string): string;
  flag(id: string): string;
  decision(id: string): string;
  option(decision: string, option: string): string;
  teamsOfGroup(group: string): string[];
  teams: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  tracks: { id: string; name: string }[];
  tasks: { id: string; name: string }[];
  actions: { id: string; name: string; teams: string[]; fields: { name: string; label: string; type: string; options: string[] }[] }[];
  rows: { id: string; name: string }[];
  flags: { id: string; name: string }[];
  decisions: { id: string; name: string; options: { id: string; name: string }[] }[];
}

/** The `all` addressee, in the reader's words. */
export const ALL_TEAMS = 'all';

export function namesOf(document: StudioDocument, allTeams: string): Names {
  const pairs = (part: string, title = 'name') => listOf(document, part).map((item) => ({ id: textOf(item.id), name: textOf(item[title]) || textOf(item.id) }));
  const teams = pairs('teams');
  const groups = pairs('teamGroups', 'title');
  const organisations = pairs('simulatedOrganisations');
  const tracks = pairs('tracks', 'title');
  const tasks = listOf(document, 'objectives').flatMap((o) =>
    (Array.isArray(o.capabilityTargets) ? o.capabilityTargets : []).filter(isItem).flatMap((c) =>
      (Array.isArray(c.criticalTasks) ? c.criticalTasks : []).filter(isItem).map((t) => ({ id: textOf(t.id), name: textOf(t.title) || textOf(t.id) })),
    ),
  );
  const actions = listOf(document, 'actions').map((a) => ({
    id: textOf(a.id),
    name: textOf(a.label) || textOf(a.id),
    teams: stringsOf(a.teams),
    fields: (Array.isArray(a.fields) ? a.fields : []).filter(isItem).map((f) => ({ name: textOf(f.name), label: textOf(f.label) || textOf(f.name), type: textOf(f.type), options: stringsOf(f.options) })),
  }));
  const rowList = rowsOf(document);
  const rows = rowList.map((r, i) => ({ id: textOf(r.id), name: `#${typeof r.number === 'number' ? r.number : i + 1} ${textOf(r.subject)}`.trim() }));
  const flags = [...listOf(document, 'flags').map((f) => ({ id: textOf(f.id), name: textOf(f.title) || textOf(f.id) }))];
  const decisions = rowList.flatMap((r) =>
    isItem(r.decision)
      ? [{ id: textOf(r.decision.id), name: textOf(r.decision.title) || textOf(r.decision.id), options: (Array.isArray(r.decision.options) ? r.decision.options : []).filter(isItem).map((o) => ({ id: textOf(o.id), name: textOf(o.title) || textOf(o.id) })) }]
      : [],
  );
  const lookup = (list: { id: string; name: string }[]) => {
    const map = new Map(list.map((e) => [e.id, e.name]));
    return (id: string) => map.get(id) ?? id;
  };
  const teamName = lookup([...teams, ...groups, { id: ALL_TEAMS, name: allTeams }]);
  const senderName = lookup([...organisations, ...teams]);
  const actionById = new Map(actions.map((a) => [a.id, a]));
  const decisionById = new Map(decisions.map((d) => [d.id, d]));
  return {
    team: teamName,
    sender: senderName,
    track: lookup(tracks),
    task: lookup(tasks),
    action: lookup(actions),
    field: (action, field) => actionById.get(action)?.fields.find((f) => f.name === field)?.label ?? field,
    row: lookup(rows),
    flag: lookup(flags),
    decision: lookup(decisions),
    teamsOfGroup: (group) => stringsOf(listOf(document, 'teamGroups').find((g) => g.id === group)?.teams),
    option: (decision, option) => decisionById.get(decision)?.options.find((o) => o.id === option)?.name ?? option,
    teams,
    groups,
    organisations,
    tracks,
    tasks,
    actions,
    rows,
    flags,
    decisions,
  };
}
