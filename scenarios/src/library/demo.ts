import type { ScenarioDocumentInput } from '@startex/shared';

/**
 * The short demo: a portal monitor alarms at a road crossing two scenario minutes after StartEx;
 * when the customs team reports the alarm, their supervisor answers (or, with no report in ten
 * minutes, chases them); EndEx follows shortly after.
 */
export const demo: ScenarioDocumentInput = {
  schemaVersion: 2,
  id: 'demo',
  title: 'Demo: portal monitor alarm',
  summary: 'A two-inject walk-through: a radiation portal monitor alarm and the report that follows.',
  exerciseType: 'drill',
  functions: ['detection'],
  expectedDurationMinutes: 10,
  scenarioStart: 'Day 1 09:00',
  teams: [{ id: 'customs', name: 'Customs post Medininkai', agency: 'customs' }],
  simulatedOrganisations: [{ id: 'supervisor', name: 'Customs shift supervisor' }],
  objectives: [
    {
      id: 'verify_alarm',
      title: 'Verify a radiation alarm and report it',
      capabilityTargets: [
        {
          id: 'report_on_time',
          title: 'Report the alarm to the supervisor within 5 minutes',
          criticalTasks: [{ id: 'report_alarm', title: 'Report the alarm with the measured dose rate' }],
        },
      ],
    },
  ],
  metrics: [
    {
      id: 'time_to_report',
      title: 'Time from alarm to report',
      from: { on: 'inject.released', inject: 'portal_alarm' },
      to: { on: 'action.taken', action: 'report_alarm' },
      target: 5,
      unit: 'minutes',
    },
  ],
  injects: [
    {
      id: 'portal_alarm',
      number: 1,
      scenarioTime: 'Day 1 09:02',
      channel: 'sensor',
      from: 'Radiation portal monitor, lane 3',
      to: ['customs'],
      subject: 'Gamma alarm on lane 3',
      body: 'Gamma alarm, level 2, on a truck declared as **scrap metal**. Neutron channel normal.',
      expectedActions: ['Hold the vehicle', 'Re-scan', 'Report the alarm to the supervisor'],
      criticalTasks: ['report_alarm'],
      attachments: [
        {
          name: 'RPM event printout.txt',
          mediaType: 'text/plain',
          // "RPM lane 3 - event 2026-000417 / Gamma: 2.6 x background ... / declared cargo: scrap metal"
          data: 'UlBNIGxhbmUgMyAtIGV2ZW50IDIwMjYtMDAwNDE3CkdhbW1hOiAyLjYgeCBiYWNrZ3JvdW5kLCBwZWFrIGF0IHJlYXIgYXhsZQpOZXV0cm9uOiBiYWNrZ3JvdW5kClZlaGljbGU6IExULUtQTS0yMTksIGRlY2xhcmVkIGNhcmdvOiBzY3JhcCBtZXRhbAo=',
        },
      ],
    },
    {
      id: 'supervisor_reply',
      number: 2,
      channel: 'phone',
      from: 'Customs shift supervisor',
      to: ['customs'],
      subject: 'Start secondary inspection',
      body: 'Thank you. Keep the driver at the post and start secondary inspection with the hand-held identifier.',
      expectedActions: ['Start secondary inspection'],
    },
    {
      id: 'supervisor_chaser',
      number: 3,
      channel: 'phone',
      from: 'Customs shift supervisor',
      to: ['customs'],
      subject: 'Lane 3 alarm: status?',
      body: 'The portal system shows an alarm on lane 3 ten minutes ago and I have no report. What is happening?',
      expectedActions: ['Report the alarm to the supervisor'],
      criticalTasks: ['report_alarm'],
      kind: 'contingency',
    },
  ],
  actions: [
    {
      id: 'report_alarm',
      label: 'Report the alarm to the supervisor',
      teams: ['customs'],
      criticalTasks: ['report_alarm'],
      fields: [
        { name: 'dose_rate_usvh', label: 'Dose rate at 1 m (µSv/h)', type: 'number', min: 0, max: 100000 },
        { name: 'vehicle_held', label: 'Vehicle held', type: 'boolean' },
      ],
    },
  ],
  defaultResponses: [
    {
      after: { inject: 'portal_alarm' },
      delayMinutes: 3,
      team: 'customs',
      action: 'report_alarm',
      fields: { dose_rate_usvh: 2.4, vehicle_held: true },
    },
  ],
  machine: {
    initial: 'quiet',
    states: {
      quiet: { after: [{ minutes: 2, target: 'alarm' }] },
      alarm: {
        entry: [{ release: 'portal_alarm' }],
        on: [{ action: 'report_alarm', team: 'customs', target: 'reported' }],
        // No report: the supervisor chases after ten minutes; play ends after twenty regardless.
        after: [
          { minutes: 10, effects: [{ release: 'supervisor_chaser' }] },
          { minutes: 20, target: 'endex' },
        ],
      },
      reported: {
        entry: [{ release: 'supervisor_reply' }],
        after: [{ minutes: 3, target: 'endex' }],
      },
      endex: { type: 'final' },
    },
  },
};
