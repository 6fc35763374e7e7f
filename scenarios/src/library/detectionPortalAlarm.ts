import type { ScenarioDocumentInput } from '@startex/shared';

/**
 * Outline B (detection): a radiation portal monitor alarm on a scrap truck at a road border crossing.
 * The customs post plays in real time; a SimCell plays the driver, the supervisor, the NSSC reachback,
 * the source registry and the shipper. Releasing the truck before reachback answers brings a recall.
 */
export const detectionPortalAlarm: ScenarioDocumentInput = {
  schemaVersion: 2,
  id: 'detection-portal-alarm',
  title: 'Portal monitor alarm at a road border crossing',
  summary: [
    'A truck declared as scrap metal sets off the gamma channel of the radiation portal monitor at the',
    'Vilkupiai road crossing. Customs officers hold and re-scan the truck, run secondary inspection with a',
    'hand-held identifier, use NSSC expert reachback, notify police and the regulator, and keep the truck on',
    'hold when the source turns out to be a gauge lost six months ago and the shipper demands its release.',
    '',
    'Branches: the driver tries to leave if the truck is not held by T+8; reachback chases the spectrum at T+25;',
    'a truck released as "natural" is recalled at T+30; Customs HQ countermands a release after confirmation;',
    'contingency injects chase the notification (T+45) and the chain of custody (T+80). Names are fictional.',
  ].join('\n'),
  exerciseType: 'functional',
  functions: ['detection'],
  expectedDurationMinutes: 120,
  language: 'en',
  scenarioStart: 'Day 1 10:00',
  teams: [
    { id: 'customs', name: 'Customs post Vilkupiai: officers on lane 3', agency: 'customs' },
    { id: 'police', name: 'Police: border district duty unit', agency: 'police' },
    { id: 'regulator', name: 'Radiation Safety Inspectorate: duty inspector', agency: 'regulator' },
  ],
  simulatedOrganisations: [
    { id: 'driver', name: 'Truck driver (actor)' },
    { id: 'shift_supervisor', name: 'Customs shift supervisor' },
    { id: 'reachback', name: 'NSSC expert reachback (duty physicist)' },
    { id: 'customs_hq', name: 'Customs headquarters duty officer and legal service' },
    { id: 'source_registry', name: 'National register of sealed sources' },
    { id: 'shipper', name: 'Shipping company' },
    { id: 'prosecutor', name: 'Prosecutor on duty' },
  ],
  objectives: [
    {
      id: 'verify_alarm',
      title: 'Verify the alarm and run secondary inspection per procedure',
      capabilityTargets: [
        {
          id: 'secondary_within_10',
          title: 'Hold and re-scan at once; locate the hotspot and measure at 1 m within 10 minutes of the order',
          criticalTasks: [
            { id: 'ct_hold_rescan', title: 'Hold the vehicle, re-scan and inform the supervisor' },
            { id: 'ct_control_driver', title: 'Record the documents, keep the driver and keep a safe distance' },
            { id: 'ct_locate_hotspot', title: 'Locate the hotspot and measure the dose rate at 1 m' },
          ],
        },
      ],
    },
    {
      id: 'discriminate_sources',
      title: 'Tell innocent sources from threats',
      capabilityTargets: [
        {
          id: 'no_wrong_release',
          title: 'Identify the nuclide with its confidence and never release an artificial source as natural',
          criticalTasks: [
            { id: 'ct_identify_nuclide', title: 'Identify the nuclide and state the confidence' },
            { id: 'ct_keep_hold', title: 'Keep the vehicle on hold until reachback and the regulator clear it' },
            { id: 'ct_intercept_vehicle', title: 'Recall and stop a vehicle released in error' },
          ],
        },
      ],
    },
    {
      id: 'use_reachback',
      title: 'Use expert reachback',
      capabilityTargets: [
        {
          id: 'reachback_within_10',
          title: 'Send the spectrum within 10 minutes of the identification, and the source data on request',
          criticalTasks: [
            { id: 'ct_send_spectrum', title: 'Send the spectrum to reachback' },
            { id: 'ct_send_source_data', title: 'Send source markings and photographs' },
          ],
        },
      ],
    },
    {
      id: 'notify_on_time',
      title: 'Notify on time',
      capabilityTargets: [
        {
          id: 'notify_by_t40',
          title: 'Notify police and regulator by T+40 with who, what, where, dose rate and identification',
          criticalTasks: [
            { id: 'ct_notify', title: 'Send a complete formal notification to police and the regulator' },
            { id: 'ct_classify_event', title: 'Classify the event as material out of regulatory control' },
          ],
        },
      ],
    },
    {
      id: 'protect_officers',
      title: 'Protect officers and preserve evidence',
      capabilityTargets: [
        {
          id: 'cordon_and_custody',
          title: 'Cordon about 30 m around the hotspot, keep the chain of custody, recover by an authorised body only',
          criticalTasks: [
            { id: 'ct_set_cordon', title: 'Set a cordon of about 30 m around the hotspot' },
            { id: 'ct_chain_of_custody', title: 'Keep a chain-of-custody record of the vehicle, load and source' },
            { id: 'ct_authorised_recovery', title: 'Arrange recovery of the source by an authorised organisation' },
          ],
        },
      ],
    },
  ],
  metrics: [
    {
      id: 'time_to_hold',
      title: 'Time from the alarm to holding the vehicle',
      from: { on: 'inject.released', inject: 'portal_alarm' },
      to: { on: 'action.taken', action: 'hold_vehicle' },
      target: 3,
      unit: 'minutes',
    },
    {
      id: 'time_to_dose_rate',
      title: 'Time from the secondary inspection order to the dose rate at 1 m',
      from: { on: 'inject.released', inject: 'secondary_order' },
      to: { on: 'action.taken', action: 'measure_dose_rate' },
      target: 10,
      unit: 'minutes',
    },
    {
      id: 'time_to_reachback',
      title: 'Time from the identifier result to sending the spectrum to reachback',
      from: { on: 'inject.released', inject: 'identifier_result' },
      to: { on: 'action.taken', action: 'request_reachback' },
      target: 10,
      unit: 'minutes',
    },
    {
      id: 'time_to_cordon',
      title: 'Time from the alarm to the cordon',
      from: { on: 'inject.released', inject: 'portal_alarm' },
      to: { on: 'action.taken', action: 'set_cordon' },
      target: 35,
      unit: 'minutes',
    },
    {
      id: 'time_to_notify_regulator',
      title: 'Time from the alarm to the formal notification of the regulator',
      from: { on: 'inject.released', inject: 'portal_alarm' },
      to: { on: 'milestone', milestone: 'regulator_notified' },
      target: 40,
      unit: 'minutes',
    },
    {
      id: 'time_to_intercept',
      title: 'Time from the recall order to stopping the released vehicle',
      from: { on: 'inject.released', inject: 'recall_order' },
      to: { on: 'action.taken', action: 'intercept_vehicle' },
      target: 15,
      unit: 'minutes',
      perTeam: false,
    },
  ],
  injects: [
    {
      id: 'portal_alarm',
      number: 1,
      scenarioTime: 'Day 1 10:00',
      channel: 'sensor',
      from: 'Radiation portal monitor, lane 3',
      to: ['customs'],
      subject: 'Gamma alarm on lane 3',
      body: [
        '**GAMMA ALARM** — lane 3, 10:00:12',
        '',
        '- Vehicle: articulated truck, plate **KTR 418**, trailer **AX 902**; declared load: *ferrous scrap, 22 t*.',
        '- Gamma: 6.8 × background, peak over the middle of the trailer. Neutron: normal.',
      ].join('\n'),
      expectedActions: ['Hold the vehicle', 'Re-scan through the portal', 'Inform the shift supervisor'],
      criticalTasks: ['ct_hold_rescan'],
    },
    {
      id: 'driver_papers',
      number: 2,
      scenarioTime: 'Day 1 10:05',
      channel: 'face-to-face',
      from: 'Truck driver (actor)',
      to: ['customs'],
      subject: 'The driver and his papers',
      body:
        'The driver hands over a CMR note for *"shredded steel scrap"* from a yard in Grodno to a smelter in Klaipėda. ' +
        'The weighbridge ticket says 22 t; the portal weigh-in says 25.4 t. Through the tarpaulin you see cut pipes ' +
        'and what looks like grey instrument housings. The driver is nervous and keeps asking how long this will take.',
      expectedActions: ['Record the document discrepancy', 'Keep the driver at the post', 'Keep a safe distance from the trailer'],
      criticalTasks: ['ct_control_driver'],
    },
    {
      id: 'driver_leaving',
      number: 3,
      scenarioTime: 'Day 1 10:08',
      channel: 'face-to-face',
      from: 'Truck driver (actor)',
      to: ['customs'],
      subject: 'The driver starts the engine',
      body:
        'Nobody has told the driver to wait. He climbs back into the cab, starts the engine and says he has a delivery ' +
        'slot at 14:00. The exit barrier of lane 3 is up.',
      expectedActions: ['Hold the vehicle now', 'Inform the shift supervisor'],
      criticalTasks: ['ct_hold_rescan'],
      kind: 'contingency',
    },
    {
      id: 'secondary_order',
      number: 4,
      scenarioTime: 'Day 1 10:12',
      channel: 'phone',
      from: 'Customs shift supervisor',
      to: ['customs'],
      subject: 'Start secondary inspection',
      body:
        'Move the truck to the inspection bay, start secondary inspection with the hand-held identifier and personal ' +
        'dosimeters on. I want the hotspot location and the dose rate at 1 m from the trailer wall.',
      expectedActions: ['Locate the hotspot', 'Measure the dose rate at 1 m'],
      criticalTasks: ['ct_locate_hotspot'],
    },
    {
      id: 'identifier_result',
      number: 5,
      scenarioTime: 'Day 1 10:20',
      channel: 'sensor',
      from: 'Hand-held radionuclide identifier',
      to: ['customs'],
      subject: 'Identifier result at the hotspot',
      body: [
        '| | |',
        '|---|---|',
        '| Result | **Cs-137** |',
        '| Confidence | **medium** |',
        '| Other library matches | none above threshold |',
        '| Dose rate at contact | 85 µSv/h |',
        '| Acquisition | 120 s, spectrum saved as `SPC_0420.n42` |',
      ].join('\n'),
      expectedActions: ['Record the identification and its confidence', 'Send the spectrum to reachback'],
      criticalTasks: ['ct_identify_nuclide', 'ct_send_spectrum'],
    },
    {
      id: 'reachback_prompt',
      number: 6,
      scenarioTime: 'Day 1 10:25',
      channel: 'phone',
      from: 'NSSC expert reachback (duty physicist)',
      to: ['customs'],
      subject: 'Reachback asks for the spectrum',
      body:
        'NSSC reachback here. The national alarm display shows a level-2 gamma alarm on your lane 3 at 10:00 and nothing ' +
        'since. Have you identified anything? Please send the identifier spectrum file and the dose rates now.',
      expectedActions: ['Send the spectrum to reachback'],
      criticalTasks: ['ct_send_spectrum'],
      kind: 'contingency',
    },
    {
      id: 'reachback_confirms',
      number: 7,
      scenarioTime: 'Day 1 10:30',
      channel: 'phone',
      from: 'NSSC expert reachback (duty physicist)',
      to: ['customs'],
      subject: 'Reachback: Cs-137 confirmed',
      body:
        'The spectrum shows **Cs-137** only: the 662 keV peak with a scatter profile that fits a shielded source, most ' +
        'likely an industrial level or density gauge. This is not natural material. Keep the truck on hold, set a ' +
        'cordon of about 30 m around the hotspot, and send us any **markings or serial numbers** you can read from a ' +
        'safe distance, with photos.',
      expectedActions: ['Set a cordon of about 30 m', 'Send source markings and photos', 'Notify police and the regulator'],
      criticalTasks: ['ct_set_cordon', 'ct_send_source_data', 'ct_notify'],
    },
    {
      id: 'recall_order',
      number: 8,
      scenarioTime: 'Day 1 10:30',
      channel: 'phone',
      from: 'NSSC expert reachback (duty physicist)',
      to: ['customs', 'police'],
      subject: 'Recall the released truck: the source is Cs-137',
      body:
        'We reviewed the portal and identifier data from Vilkupiai lane 3: the source in truck **KTR 418** is **Cs-137**, ' +
        'not natural radioactivity. The truck must be recalled. Police: the truck left the crossing heading for the A16 ' +
        'about ten minutes ago; stop it, keep everyone at least 30 m from the trailer, and escort it back to the post.',
      expectedActions: ['Police: stop the truck and escort it back', 'Customs: prepare the inspection bay and cordon'],
      criticalTasks: ['ct_intercept_vehicle', 'ct_keep_hold'],
      kind: 'adaptive',
    },
    {
      id: 'regulator_chases',
      number: 9,
      scenarioTime: 'Day 1 10:45',
      channel: 'phone',
      from: 'Customs headquarters duty officer',
      to: ['customs'],
      subject: 'Where is the notification?',
      body:
        'The regulator’s duty inspector just called us: NSSC reachback mentioned a Cs-137 find at Vilkupiai, and they ' +
        'have no notification from you. Send the formal notification to police and the regulator now, with who, what, ' +
        'where, the dose rate and the identification.',
      expectedActions: ['Send the formal notification'],
      criticalTasks: ['ct_notify'],
      kind: 'contingency',
    },
    {
      id: 'registry_match',
      number: 10,
      scenarioTime: 'Day 1 10:50',
      channel: 'email',
      from: 'National register of sealed sources',
      to: ['customs', 'regulator', 'police'],
      subject: 'Register match: gauge reported lost six months ago',
      body:
        'Serial **LG-2271-C** matches a Cs-137 level gauge registered to a concrete plant in the Alytus district and ' +
        'reported **lost** during demolition of a mixing tower six months ago. The gauge was never found. Status in ' +
        'the register: *lost, out of regulatory control*.',
      expectedActions: [
        'Treat it as material out of regulatory control',
        'Keep the evidence chain',
        'Arrange recovery by an authorised organisation',
      ],
      criticalTasks: ['ct_classify_event', 'ct_chain_of_custody', 'ct_authorised_recovery'],
    },
    {
      id: 'shipper_demand',
      number: 11,
      scenarioTime: 'Day 1 11:00',
      channel: 'email',
      from: 'Shipping company, via Customs headquarters',
      to: ['customs'],
      subject: 'Shipper demands the release of the truck',
      body:
        'The shipper’s director writes that the load is ordinary scrap, the delay breaches a delivery contract and the ' +
        'company will claim compensation for every hour. He asks for the truck to be released and the "suspicious ' +
        'item" to be unloaded at the post.',
      expectedActions: ['Keep the truck on hold', 'Keep the chain of custody', 'Refer the shipper to the regulator and police'],
      criticalTasks: ['ct_keep_hold', 'ct_chain_of_custody'],
    },
    {
      id: 'hq_countermand',
      number: 12,
      scenarioTime: 'Day 1 11:05',
      channel: 'phone',
      from: 'Customs headquarters legal service',
      to: ['customs'],
      subject: 'Do not release the truck',
      body:
        'We hear lane 3 intends to let the truck go. Stop that: the gauge is material out of regulatory control and ' +
        'evidence in a police case. Nothing leaves the post until the regulator and the police say so in writing.',
      expectedActions: ['Keep the truck on hold', 'Record the chain of custody'],
      criticalTasks: ['ct_keep_hold', 'ct_chain_of_custody'],
      kind: 'adaptive',
    },
    {
      id: 'custody_request',
      number: 13,
      scenarioTime: 'Day 1 11:20',
      channel: 'phone',
      from: 'Prosecutor on duty',
      to: ['customs', 'police'],
      subject: 'Chain-of-custody record needed',
      body:
        'Before the police take over the case I need the chain-of-custody record: who had access to the truck and the ' +
        'gauge since 10:00, which seals were applied and when, and where the driver’s documents are kept.',
      expectedActions: ['Complete and hand over the chain-of-custody record'],
      criticalTasks: ['ct_chain_of_custody'],
      kind: 'contingency',
    },
  ],
  actions: [
    {
      id: 'hold_vehicle',
      label: 'Hold the vehicle',
      teams: ['customs'],
      criticalTasks: ['ct_hold_rescan'],
      fields: [
        { name: 'rescanned', label: 'Re-scanned through the portal', type: 'boolean' },
        { name: 'supervisor_informed', label: 'Supervisor informed', type: 'boolean' },
      ],
    },
    {
      id: 'record_interview',
      label: 'Record the driver interview',
      teams: ['customs'],
      criticalTasks: ['ct_control_driver'],
      fields: [
        { name: 'documents_match', label: 'Documents match the load', type: 'boolean' },
        { name: 'driver_kept', label: 'Driver kept at the post', type: 'boolean' },
        { name: 'notes', label: 'Notes', type: 'text', required: false, maxLength: 2000 },
      ],
    },
    {
      id: 'measure_dose_rate',
      label: 'Record a dose-rate measurement',
      teams: ['customs'],
      criticalTasks: ['ct_locate_hotspot'],
      fields: [
        { name: 'dose_rate_usvh', label: 'Dose rate (µSv/h)', type: 'number', min: 0, max: 100_000 },
        { name: 'distance_m', label: 'Distance from the surface (m)', type: 'number', min: 0, max: 100 },
        {
          name: 'hotspot',
          label: 'Hotspot',
          type: 'choice',
          options: ['Front of the trailer', 'Middle of the trailer', 'Rear of the trailer', 'Cab', 'Not found'],
        },
      ],
    },
    {
      id: 'identify_nuclide',
      label: 'Record the identification',
      teams: ['customs'],
      criticalTasks: ['ct_identify_nuclide'],
      fields: [
        {
          name: 'nuclide',
          label: 'Nuclide',
          type: 'choice',
          options: ['Cs-137', 'Co-60', 'Am-241', 'Ir-192', 'Ra-226', 'K-40 (natural)', 'Tc-99m (medical)', 'Unknown'],
        },
        { name: 'confidence', label: 'Confidence', type: 'choice', options: ['Low', 'Medium', 'High'] },
      ],
    },
    {
      id: 'request_reachback',
      label: 'Send the spectrum to reachback',
      teams: ['customs'],
      criticalTasks: ['ct_send_spectrum'],
      fields: [
        { name: 'spectrum_attached', label: 'Spectrum file attached', type: 'boolean' },
        { name: 'question', label: 'Question to reachback', type: 'text', required: false, maxLength: 1000 },
      ],
    },
    {
      id: 'release_vehicle',
      label: 'Release the vehicle',
      teams: ['customs'],
      criticalTasks: ['ct_keep_hold'],
      fields: [
        {
          name: 'reason',
          label: 'Reason',
          type: 'choice',
          options: ['Natural radioactivity (NORM)', 'Medical isotope in the cab', 'Authorised shipment', 'Shipper request'],
        },
      ],
    },
    {
      id: 'set_cordon',
      label: 'Set a cordon',
      teams: ['customs', 'police'],
      criticalTasks: ['ct_set_cordon'],
      fields: [{ name: 'radius_m', label: 'Radius (m)', type: 'number', min: 1, max: 2000 }],
    },
    {
      id: 'send_source_data',
      label: 'Send source data to reachback',
      teams: ['customs'],
      criticalTasks: ['ct_send_source_data'],
      fields: [
        { name: 'markings', label: 'Markings and serial numbers', type: 'text', maxLength: 1000 },
        { name: 'photos_sent', label: 'Photos sent', type: 'boolean' },
      ],
    },
    {
      id: 'notify',
      label: 'Send a formal notification',
      teams: ['customs'],
      criticalTasks: ['ct_notify'],
      // Only the recipient is required: the review scores completeness from what else was filled in.
      fields: [
        {
          name: 'recipient',
          label: 'Recipient',
          type: 'choice',
          options: ['Police and regulator', 'Regulator', 'Police', 'Customs headquarters'],
        },
        { name: 'reporter', label: 'Who reports (name, post, phone)', type: 'text', required: false, maxLength: 200 },
        { name: 'what', label: 'What was found', type: 'text', required: false, maxLength: 1000 },
        { name: 'where', label: 'Where it is now', type: 'text', required: false, maxLength: 200 },
        { name: 'dose_rate_usvh', label: 'Dose rate at 1 m (µSv/h)', type: 'number', required: false, min: 0, max: 100_000 },
        {
          name: 'nuclide',
          label: 'Identification',
          type: 'choice',
          required: false,
          options: ['Cs-137', 'Co-60', 'Am-241', 'Ir-192', 'Ra-226', 'K-40 (natural)', 'Tc-99m (medical)', 'Unknown'],
        },
      ],
    },
    {
      id: 'record_custody',
      label: 'Record the chain of custody',
      teams: ['customs', 'police'],
      criticalTasks: ['ct_chain_of_custody'],
      fields: [
        { name: 'items', label: 'Items and seals', type: 'text', maxLength: 2000 },
        { name: 'seals_applied', label: 'Seals applied', type: 'boolean' },
      ],
    },
    {
      id: 'intercept_vehicle',
      label: 'Stop a vehicle',
      teams: ['police'],
      criticalTasks: ['ct_intercept_vehicle'],
      fields: [
        { name: 'location', label: 'Where it was stopped', type: 'text', maxLength: 200 },
        { name: 'escorted_back', label: 'Escorted back to the post', type: 'boolean' },
      ],
    },
    {
      id: 'classify_event',
      label: 'Classify the event',
      teams: ['regulator'],
      criticalTasks: ['ct_classify_event'],
      fields: [
        {
          name: 'classification',
          label: 'Classification',
          type: 'choice',
          options: ['Material out of regulatory control', 'Innocent alarm', 'Authorised transport'],
        },
      ],
    },
    {
      id: 'arrange_recovery',
      label: 'Arrange recovery of the source',
      teams: ['regulator'],
      criticalTasks: ['ct_authorised_recovery'],
      fields: [
        {
          name: 'recovered_by',
          label: 'Recovered by',
          type: 'choice',
          options: ['Authorised radioactive waste operator', 'NSSC response team', 'The shipper'],
        },
      ],
    },
  ],
  defaultResponses: [
    {
      after: { inject: 'portal_alarm' },
      delayMinutes: 1,
      team: 'customs',
      action: 'hold_vehicle',
      fields: { rescanned: true, supervisor_informed: true },
    },
    {
      after: { inject: 'driver_papers' },
      delayMinutes: 2,
      team: 'customs',
      action: 'record_interview',
      fields: { documents_match: false, driver_kept: true, notes: 'Declared 22 t, weighed 25.4 t; instrument housings visible.' },
    },
    {
      after: { inject: 'secondary_order' },
      delayMinutes: 6,
      team: 'customs',
      action: 'measure_dose_rate',
      fields: { dose_rate_usvh: 4.2, distance_m: 1, hotspot: 'Middle of the trailer' },
    },
    {
      after: { inject: 'identifier_result' },
      delayMinutes: 2,
      team: 'customs',
      action: 'identify_nuclide',
      fields: { nuclide: 'Cs-137', confidence: 'Medium' },
    },
    {
      after: { inject: 'identifier_result' },
      delayMinutes: 3,
      team: 'customs',
      action: 'request_reachback',
      fields: { spectrum_attached: true },
    },
    { after: { inject: 'reachback_confirms' }, delayMinutes: 3, team: 'customs', action: 'set_cordon', fields: { radius_m: 30 } },
    {
      after: { inject: 'reachback_confirms' },
      delayMinutes: 5,
      team: 'customs',
      action: 'send_source_data',
      fields: { markings: 'Plate on housing: LG-2271-C, trefoil, "Cs-137"', photos_sent: true },
    },
    {
      after: { inject: 'reachback_confirms' },
      delayMinutes: 8,
      team: 'customs',
      action: 'notify',
      fields: {
        recipient: 'Police and regulator',
        reporter: 'Senior officer, lane 3, Vilkupiai',
        what: 'Shielded Cs-137 gauge in a scrap truck KTR 418',
        where: 'Inspection bay, Vilkupiai road crossing',
        dose_rate_usvh: 4.2,
        nuclide: 'Cs-137',
      },
    },
    {
      after: { inject: 'registry_match' },
      delayMinutes: 3,
      team: 'regulator',
      action: 'classify_event',
      fields: { classification: 'Material out of regulatory control' },
    },
    {
      after: { inject: 'registry_match' },
      delayMinutes: 5,
      team: 'customs',
      action: 'record_custody',
      fields: { items: 'Truck KTR 418, trailer AX 902, gauge LG-2271-C; seals C-0091 to C-0094', seals_applied: true },
    },
    {
      after: { inject: 'registry_match' },
      delayMinutes: 8,
      team: 'regulator',
      action: 'arrange_recovery',
      fields: { recovered_by: 'Authorised radioactive waste operator' },
    },
  ],
  machine: {
    description:
      'A fixed timeline; actions set flags that the timers read. At a branch point the guarded timers come first and ' +
      'the last, unguarded one with the same delay is the "otherwise": due timers fire in the order they were scheduled.',
    initial: 'primary_alarm',
    // Every flag, declared at StartEx so the context always has the same shape whatever the order of play.
    entry: [
      { setFlag: 'vehicle_held', value: false },
      { setFlag: 'spectrum_sent', value: false },
      { setFlag: 'vehicle_released', value: false },
      { setFlag: 'regulator_notified', value: false },
      { setFlag: 'custody_recorded', value: false },
      { setFlag: 'countermanded', value: false },
    ],
    on: [
      { action: 'hold_vehicle', when: { not: { flag: 'vehicle_held' } }, effects: [{ setFlag: 'vehicle_held' }] },
      { action: 'request_reachback', when: { not: { flag: 'spectrum_sent' } }, effects: [{ setFlag: 'spectrum_sent' }] },
      { action: 'release_vehicle', when: { not: { flag: 'vehicle_released' } }, effects: [{ setFlag: 'vehicle_released' }] },
      {
        action: 'notify',
        when: {
          all: [
            { any: [{ field: 'recipient', equals: 'Police and regulator' }, { field: 'recipient', equals: 'Regulator' }] },
            { not: { flag: 'regulator_notified' } },
          ],
        },
        effects: [{ setFlag: 'regulator_notified' }, { milestone: 'regulator_notified' }],
      },
      { action: 'record_custody', when: { not: { flag: 'custody_recorded' } }, effects: [{ setFlag: 'custody_recorded' }] },
    ],
    states: {
      primary_alarm: {
        description: 'T+0: the portal alarms.',
        entry: [{ release: 'portal_alarm' }],
        after: [{ minutes: 5, target: 'driver_interview' }],
      },
      driver_interview: {
        description: 'T+5: the driver and his papers; he tries to leave at T+8 if the truck is not held.',
        entry: [{ release: 'driver_papers' }],
        after: [
          { minutes: 3, when: { not: { flag: 'vehicle_held' } }, effects: [{ release: 'driver_leaving' }] },
          { minutes: 7, target: 'secondary_inspection' },
        ],
      },
      secondary_inspection: {
        description: 'T+12: the supervisor orders secondary inspection.',
        entry: [{ release: 'secondary_order' }],
        after: [{ minutes: 8, target: 'identification' }],
      },
      identification: {
        description:
          'T+20: Cs-137, medium confidence. Reachback chases the spectrum at T+25; at T+30 a released truck is recalled, ' +
          'a sent spectrum is confirmed, otherwise reachback keeps waiting for it.',
        entry: [{ release: 'identifier_result' }],
        after: [
          {
            minutes: 5,
            when: { all: [{ not: { flag: 'spectrum_sent' } }, { not: { flag: 'vehicle_released' } }] },
            effects: [{ release: 'reachback_prompt' }],
          },
          { minutes: 10, when: { flag: 'vehicle_released' }, target: 'recall' },
          { minutes: 10, when: { flag: 'spectrum_sent' }, target: 'confirmation' },
          { minutes: 10, target: 'awaiting_spectrum' },
        ],
      },
      awaiting_spectrum: {
        description: 'No spectrum yet: reachback confirms when it arrives, or from the portal’s own data after 15 minutes.',
        on: [
          { action: 'request_reachback', target: 'confirmation', effects: [{ setFlag: 'spectrum_sent' }] },
          { action: 'release_vehicle', target: 'recall', effects: [{ setFlag: 'vehicle_released' }] },
        ],
        after: [{ minutes: 15, target: 'confirmation' }],
      },
      handling: {
        description:
          'The source is known to be Cs-137. Customs HQ chases the notification 15 minutes in, and countermands any release.',
        initial: 'confirmation',
        after: [{ minutes: 15, when: { not: { flag: 'regulator_notified' } }, effects: [{ release: 'regulator_chases' }] }],
        on: [
          {
            action: 'release_vehicle',
            when: { not: { flag: 'countermanded' } },
            effects: [{ setFlag: 'countermanded' }, { release: 'hq_countermand' }],
          },
        ],
        states: {
          confirmation: {
            description: 'Reachback confirms Cs-137 and asks for markings.',
            entry: [{ release: 'reachback_confirms' }],
            after: [{ minutes: 20, target: 'registry_check' }],
          },
          recall: {
            description: 'The truck was released as natural: reachback orders a recall and alerts the police.',
            entry: [{ release: 'recall_order' }],
            after: [{ minutes: 20, target: 'registry_check' }],
          },
          registry_check: {
            description: 'T+50: the serial matches a gauge lost six months ago.',
            entry: [{ release: 'registry_match' }],
            after: [{ minutes: 10, target: 'shipper_pressure' }],
          },
          shipper_pressure: {
            description: 'T+60: the shipper demands release; the prosecutor asks for custody records at T+80; EndEx at T+120.',
            entry: [{ release: 'shipper_demand' }],
            after: [
              { minutes: 20, when: { not: { flag: 'custody_recorded' } }, effects: [{ release: 'custody_request' }] },
              { minutes: 60, target: 'endex' },
            ],
          },
        },
      },
      endex: { type: 'final' },
    },
  },
};
