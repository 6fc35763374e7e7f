import type { ScenarioDocumentInput } from '@startex/shared';

/**
 * Outline C (response): a suspicious device with radioactive material in a city square. The
 * operational track and the public-information track run as parallel regions; at T+40 the
 * controller decides whether the bomb squad renders the device safe (A) or it functions (B).
 */
export const responseCityDevice: ScenarioDocumentInput = {
  schemaVersion: 2,
  id: 'response-city-device',
  title: 'Suspicious device with radioactive material in a city square',
  summary: [
    'At lunchtime a guard reports an abandoned bag with wires on Town Hall Square in Upytė; his radiation',
    'pager chirped. Police, fire & rescue, health, the regulator’s radiological assessors and a joint',
    'information centre must recognise a possible radiological dispersal device, cordon (at least 400 m, then',
    'mark the hot zone at the 100 µSv/h line), notify and set up unified command, protect responders, inform',
    'the public against a flood of rumours, care for casualties and preserve evidence.',
    '',
    'The public-information track runs in parallel with operations. Branch at T+40 (controller decision):',
    'A — the device is rendered safe: evidence and source recovery; B — it functions with six casualties:',
    'life-saving before decontamination. Contingency injects chase the cordon, the notification, unified',
    'command, the first public message and the forensic radiation protection plan. EndEx at T+240. Fictional.',
  ].join('\n'),
  exerciseType: 'full-scale',
  functions: ['response'],
  expectedDurationMinutes: 240,
  language: 'en',
  scenarioStart: 'Day 1 11:00',
  teams: [
    { id: 'police', name: 'Police: dispatch, patrols, incident commander and bomb squad', agency: 'police' },
    { id: 'fire_rescue', name: 'Fire & rescue: hazmat team', agency: 'fire-rescue' },
    { id: 'health', name: 'Health: ambulance service and health authority', agency: 'health' },
    { id: 'regulator', name: 'Radiation Safety Inspectorate: radiological assessors', agency: 'regulator' },
    { id: 'public_information', name: 'Joint information centre: police, municipality and crisis centre PIOs', agency: 'crisis-centre' },
  ],
  simulatedOrganisations: [
    { id: 'caller', name: '112 caller: shopping arcade security guard' },
    { id: 'crisis_centre', name: 'National crisis management centre duty officer' },
    { id: 'social_media', name: 'Social media and national TV' },
    { id: 'hospital', name: 'Upytė hospital emergency department' },
    { id: 'investigators', name: 'Criminal police investigators and forensic team' },
    { id: 'ministry', name: 'Ministry of the Interior press office' },
  ],
  objectives: [
    {
      id: 'recognise_and_cordon',
      title: 'Recognise a possible radiological dispersal device and cordon',
      capabilityTargets: [
        {
          id: 'cordon_within_10',
          title: 'Cordon at least 400 m within 10 minutes of the call, then mark the hot zone at the 100 µSv/h line',
          criticalTasks: [
            { id: 'ct_initial_cordon', title: 'Send patrol and bomb squad, cordon at least 400 m and move people upwind' },
            { id: 'ct_request_assessor', title: 'Keep responders back and request a radiological assessor' },
            { id: 'ct_adjust_cordon', title: 'Mark the hot zone at the measured 100 µSv/h line' },
          ],
        },
        {
          id: 'protective_actions_updated',
          title: 'Update protective actions within 15 minutes of the nuclide identification',
          criticalTasks: [{ id: 'ct_update_protective_actions', title: 'Update cordons and protective actions to the nuclide' }],
        },
      ],
    },
    {
      id: 'command_and_notification',
      title: 'Notify and establish unified command',
      capabilityTargets: [
        {
          id: 'unified_command_within_30',
          title: 'Notify the national crisis centre within 15 minutes and establish unified command within 30 minutes',
          criticalTasks: [
            { id: 'ct_notify_national', title: 'Notify the national crisis management centre' },
            { id: 'ct_unified_command', title: 'Establish unified command of police, fire & rescue and the regulator' },
            { id: 'ct_sitrep', title: 'Send a standard situation report on request' },
          ],
        },
      ],
    },
    {
      id: 'protect_responders',
      title: 'Protect responders',
      capabilityTargets: [
        {
          id: 'dose_control',
          title: 'Contamination control and dose control for everyone who enters the hot zone',
          criticalTasks: [
            { id: 'ct_contamination_control', title: 'Set up a contamination control point at the hot-zone exit' },
            { id: 'ct_forensic_rp_plan', title: 'Approve a radiation protection plan before forensic entry' },
          ],
        },
      ],
    },
    {
      id: 'inform_public',
      title: 'Public information',
      capabilityTargets: [
        {
          id: 'first_message_within_45',
          title: 'First public message within 45 minutes, a joint information centre, no contradictory messages',
          criticalTasks: [
            { id: 'ct_first_public_message', title: 'Issue a first public message with protective advice' },
            { id: 'ct_joint_information', title: 'Activate a joint information centre' },
            { id: 'ct_consistent_messages', title: 'Keep public messages consistent with operations and with each other' },
          ],
        },
      ],
    },
    {
      id: 'casualty_care',
      title: 'Casualty care',
      capabilityTargets: [
        {
          id: 'care_before_decontamination',
          title: 'Life-saving care before decontamination; hospitals receive self-presenters under the radiological protocol',
          criticalTasks: [
            { id: 'ct_lifesaving_first', title: 'Give life-saving care before decontamination' },
            { id: 'ct_hospital_protocol', title: 'Activate the hospital radiological protocol and monitor self-presenters' },
          ],
        },
      ],
    },
    {
      id: 'preserve_evidence',
      title: 'Evidence preservation',
      capabilityTargets: [
        {
          id: 'evidence_and_recovery',
          title: 'Preserve evidence and recover the source under a radiation protection plan',
          criticalTasks: [
            { id: 'ct_preserve_evidence', title: 'Secure the scene and keep the chain of custody' },
            { id: 'ct_source_recovery', title: 'Recover the source into a shielded container' },
          ],
        },
      ],
    },
  ],
  metrics: [
    {
      id: 'time_to_rdd_cordon',
      title: 'Time from the emergency call to a cordon of at least 400 m',
      from: { on: 'inject.released', inject: 'emergency_call' },
      to: { on: 'milestone', milestone: 'rdd_cordon_set' },
      target: 10,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_request_assessor',
      title: 'Time from the patrol’s readings to requesting a radiological assessor',
      from: { on: 'inject.released', inject: 'patrol_readings' },
      to: { on: 'action.taken', action: 'request_assessor' },
      target: 5,
      unit: 'minutes',
    },
    {
      id: 'time_to_notify_national_centre',
      title: 'Time from the emergency call to notifying the national crisis centre',
      from: { on: 'inject.released', inject: 'emergency_call' },
      to: { on: 'milestone', milestone: 'national_centre_notified' },
      target: 15,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_hot_zone',
      title: 'Time from the mapped 100 µSv/h line to marking the hot zone',
      from: { on: 'inject.released', inject: 'hazmat_line' },
      to: { on: 'milestone', milestone: 'hot_zone_marked' },
      target: 10,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_unified_command',
      title: 'Time from the emergency call to unified command',
      from: { on: 'inject.released', inject: 'emergency_call' },
      to: { on: 'milestone', milestone: 'unified_command' },
      target: 30,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_sitrep',
      title: 'Time from the crisis centre’s request to the situation report',
      from: { on: 'inject.released', inject: 'sitrep_request' },
      to: { on: 'action.taken', action: 'send_sitrep' },
      target: 10,
      unit: 'minutes',
    },
    {
      id: 'time_to_first_public_message',
      title: 'Time from StartEx to the first public message',
      from: { on: 'startex' },
      to: { on: 'milestone', milestone: 'first_public_message' },
      target: 45,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_update_protective_actions',
      title: 'Time from the nuclide identification to updated protective actions',
      from: { on: 'inject.released', inject: 'nuclide_identified' },
      to: { on: 'action.taken', action: 'update_protective_actions' },
      target: 15,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_forensic_rp_plan',
      title: 'Time from the investigators’ request to an approved radiation protection plan',
      from: { on: 'inject.released', inject: 'forensic_entry' },
      to: { on: 'action.taken', action: 'approve_forensic_rp_plan' },
      target: 20,
      unit: 'minutes',
      perTeam: false,
    },
  ],
  injects: [
    {
      id: 'emergency_call',
      number: 1,
      scenarioTime: 'Day 1 11:00',
      channel: 'phone',
      from: '112 caller: shopping arcade security guard',
      to: ['police'],
      subject: '112: abandoned bag with wires on Town Hall Square',
      body: [
        'The caller is a security guard of the shopping arcade on Town Hall Square:',
        '',
        '> There is a black sports bag by the bench next to the fountain, nobody has claimed it for twenty minutes.',
        '> The zip is half open and I can see wires and tape. When I walked past, my radiation pager chirped — I',
        '> carry it for my other job at the hospital. There are maybe three hundred people here, it’s lunchtime.',
        '',
        'Weather: wind from the west, 4 m/s, dry.',
      ].join('\n'),
      expectedActions: [
        'Dispatch a patrol and the bomb squad',
        'Set a cordon of at least 400 m',
        'Move people out upwind (west)',
      ],
      criticalTasks: ['ct_initial_cordon'],
    },
    {
      id: 'patrol_readings',
      number: 2,
      scenarioTime: 'Day 1 11:08',
      channel: 'radio',
      from: 'Patrol U-12 (police)',
      to: ['police'],
      subject: 'Patrol: elevated readings near the bag',
      body:
        'U-12 to dispatch: our personal dosimeter alarmed 50 m from the bag, reading **25 µSv/h** and rising as we ' +
        'walked in. We stopped and pulled back to 60 m. The bag is about 60 by 30 cm. People are still sitting on the ' +
        'café terraces on the east side.',
      expectedActions: [
        'Do not approach the bag',
        'Request a radiological assessor',
        'Notify the national crisis management centre',
      ],
      criticalTasks: ['ct_request_assessor', 'ct_notify_national'],
    },
    {
      id: 'bystanders_near_device',
      number: 3,
      scenarioTime: 'Day 1 11:12',
      channel: 'phone',
      from: '112 calls relayed by police dispatch',
      to: ['police'],
      subject: 'People gathering around the bag',
      body:
        'Several callers in three minutes: people are filming next to the bag, a child’s football rolled against it, and ' +
        'a delivery van is parked 20 m away. Nobody has told the café guests to leave.',
      expectedActions: ['Set a cordon of at least 400 m now', 'Move people out upwind'],
      criticalTasks: ['ct_initial_cordon'],
      kind: 'contingency',
    },
    {
      id: 'hazmat_line',
      number: 4,
      scenarioTime: 'Day 1 11:15',
      channel: 'radio',
      from: 'Fire & rescue hazmat team leader',
      to: ['police', 'fire_rescue'],
      subject: 'Hazmat: 100 µSv/h line mapped',
      body: [
        'Hazmat to incident commander: survey done from the outside in.',
        '',
        '- **100 µSv/h** at about **25 m** from the bag all round;',
        '- 10 µSv/h at about 80 m; background from about 300 m;',
        '- no contamination found on the patrol’s boots.',
        '',
        'We propose the hot zone at the 100 µSv/h line and a contamination control point at the west exit.',
      ].join('\n'),
      expectedActions: [
        'Mark the hot zone at the 100 µSv/h line; keep the outer cordon against the explosive threat',
        'Establish unified command',
        'Set up a contamination control point',
      ],
      criticalTasks: ['ct_adjust_cordon', 'ct_unified_command', 'ct_contamination_control'],
    },
    {
      id: 'crisis_centre_chases',
      number: 5,
      scenarioTime: 'Day 1 11:20',
      channel: 'phone',
      from: 'National crisis management centre duty officer',
      to: ['police'],
      subject: 'Crisis centre: why have we not been notified?',
      body:
        'We are seeing posts about a "radiation alarm" on Town Hall Square in Upytė and have no notification from you. ' +
        'Is this real? Notify us now and tell us what you need.',
      expectedActions: ['Notify the national crisis management centre'],
      criticalTasks: ['ct_notify_national'],
      kind: 'contingency',
    },
    {
      id: 'sitrep_request',
      number: 6,
      scenarioTime: 'Day 1 11:25',
      channel: 'email',
      from: 'National crisis management centre duty officer',
      to: ['police'],
      subject: 'Situation report requested by 11:35',
      body:
        'Send a situation report in the standard format by 11:35: situation, cordons and hot zone, dose rates, casualties, ' +
        'resources on scene, requests for national support.',
      expectedActions: ['Send a standard situation report'],
      criticalTasks: ['ct_sitrep'],
    },
    {
      id: 'social_rumours',
      number: 7,
      scenarioTime: 'Day 1 11:30',
      channel: 'social',
      from: 'Social media',
      to: ['public_information'],
      subject: 'Viral video: "DIRTY BOMB in Upytė"',
      body:
        'A shaky video of police tape and hazmat suits, captioned **"DIRTY BOMB in Upytė — city centre contaminated, ' +
        'run!"**, has 40 000 views in 20 minutes. Replies claim the hospital is closed, that iodine tablets protect you ' +
        'and that pharmacies are running out.',
      expectedActions: ['Issue a first public message with protective advice', 'Activate a joint information centre'],
      criticalTasks: ['ct_first_public_message', 'ct_joint_information'],
    },
    {
      id: 'conflicting_orders',
      number: 8,
      scenarioTime: 'Day 1 11:35',
      channel: 'radio',
      from: 'Fire & rescue hazmat team leader',
      to: ['police', 'fire_rescue'],
      subject: 'Hazmat: two commanders, two orders',
      body:
        'I have two orders: the police commander wants us to go in and measure the bag now, the fire commander says stay ' +
        'out until the bomb squad clears it. Which one do I follow?',
      expectedActions: ['Establish unified command with one incident action plan'],
      criticalTasks: ['ct_unified_command'],
      kind: 'contingency',
    },
    {
      id: 'render_safe_attempt',
      number: 9,
      scenarioTime: 'Day 1 11:40',
      channel: 'radio',
      from: 'Bomb squad team leader',
      to: ['police'],
      subject: 'Bomb squad: starting the render-safe procedure',
      body:
        'The robot is at the bag. X-ray shows a pipe-like container with wires and a timer, next to a heavy lead-lined ' +
        'pot. We start the render-safe procedure now. Confirm that nobody is inside the outer cordon.',
      expectedActions: ['Confirm the outer cordon is clear'],
      criticalTasks: ['ct_initial_cordon'],
    },
    {
      id: 'device_rendered_safe',
      number: 10,
      scenarioTime: 'Day 1 11:40',
      channel: 'radio',
      from: 'Bomb squad team leader',
      to: ['police', 'fire_rescue', 'regulator'],
      subject: 'A: the device is rendered safe',
      body:
        'The device is disrupted; no detonation. The lead pot is intact and the dose rate at 1 m has not changed. The ' +
        'scene is a crime scene: nothing is to be moved without the investigators.',
      expectedActions: ['Secure the scene as evidence', 'Plan the recovery of the source'],
      criticalTasks: ['ct_preserve_evidence', 'ct_source_recovery'],
      kind: 'adaptive',
    },
    {
      id: 'device_functioned',
      number: 11,
      scenarioTime: 'Day 1 11:40',
      channel: 'radio',
      from: 'Incident commander’s forward post',
      to: ['police', 'fire_rescue', 'health'],
      subject: 'B: the device has functioned — six casualties',
      body: [
        'Explosion at the bag at 11:40. A grey dust plume drifts east.',
        '',
        '- **Six casualties** inside the hot zone: two bomb squad officers and four passers-by who had crossed the tape.',
        '- Two serious (bleeding, a fractured leg), four walking wounded.',
        '- Dose rate near the fountain now 400 µSv/h; contamination expected east of the square.',
      ].join('\n'),
      expectedActions: [
        'Life-saving care before decontamination',
        'Contamination control at the hot-zone exit',
        'Shelter in place downwind (east)',
      ],
      criticalTasks: ['ct_lifesaving_first', 'ct_contamination_control'],
      kind: 'adaptive',
    },
    {
      id: 'casualty_media_query',
      number: 12,
      scenarioTime: 'Day 1 11:45',
      channel: 'phone',
      from: 'National TV newsroom',
      to: ['public_information'],
      subject: 'TV: how many dead, is the east side contaminated?',
      body:
        'We are going live in ten minutes. How many people are dead? Is the east of the city contaminated? Should people ' +
        'stay indoors, and for how long?',
      expectedActions: ['Give shelter advice consistent with operations', 'Do not speculate on casualties'],
      criticalTasks: ['ct_consistent_messages'],
      kind: 'adaptive',
    },
    {
      id: 'rumour_escalation',
      number: 13,
      scenarioTime: 'Day 1 11:45',
      channel: 'news',
      from: 'National TV live broadcast',
      to: ['public_information'],
      subject: 'TV: "authorities silent as rumours spread"',
      body:
        'The live broadcast repeats the rumours unchallenged: pharmacies out of iodine tablets, a traffic jam leaving the ' +
        'city, parents taking children out of schools. The anchor says no authority has said anything yet.',
      expectedActions: ['Issue a first public message now'],
      criticalTasks: ['ct_first_public_message'],
      kind: 'contingency',
    },
    {
      id: 'self_presenters',
      number: 14,
      scenarioTime: 'Day 1 11:50',
      channel: 'phone',
      from: 'Upytė hospital emergency department',
      to: ['health'],
      subject: 'Hospital: worried people arriving on their own',
      body:
        'About thirty people from around the square have come in on their own, worried about radiation; some demand to be ' +
        '"decontaminated". Two of our staff refuse to see them. What is the protocol?',
      expectedActions: [
        'Activate the radiological protocol and a monitoring station',
        'Do not refuse care',
      ],
      criticalTasks: ['ct_hospital_protocol'],
    },
    {
      id: 'nuclide_identified',
      number: 15,
      scenarioTime: 'Day 1 12:00',
      channel: 'phone',
      from: 'Regulator assessor’s identifier (simulated readout)',
      to: ['regulator', 'police'],
      subject: 'Identifier: Cs-137',
      body:
        'Identifier result at 30 m, 300 s acquisition: **Cs-137**, high confidence. No other nuclide. The dose-rate ' +
        'profile fits a single sealed source of the size used in industrial gauges.',
      expectedActions: ['Update protective actions and cordons', 'Update public messages'],
      criticalTasks: ['ct_update_protective_actions', 'ct_consistent_messages'],
    },
    {
      id: 'shielded_container_found',
      number: 16,
      scenarioTime: 'Day 1 12:10',
      channel: 'document',
      from: 'Bomb squad and regulator assessors',
      to: ['regulator', 'police'],
      subject: 'A: a Cs-137 capsule in a lead pot',
      body:
        'Photographs from the robot: the lead pot holds a stainless-steel capsule with an engraved serial number. Swabs ' +
        'around the bag show no contamination.',
      expectedActions: ['Recover the source into a shielded container', 'Record the chain of custody'],
      criticalTasks: ['ct_source_recovery', 'ct_preserve_evidence'],
      kind: 'adaptive',
    },
    {
      id: 'contaminated_casualties_ed',
      number: 17,
      scenarioTime: 'Day 1 12:10',
      channel: 'phone',
      from: 'Upytė hospital emergency department',
      to: ['health'],
      subject: 'B: contaminated casualties in the emergency department',
      body:
        'Two of the casualties arrived with contaminated clothes and hands, ten times background. The trauma team is ' +
        'afraid to continue. We need radiation protection support and advice now.',
      expectedActions: ['Treat first, then decontaminate', 'Send radiation protection support to the hospital'],
      criticalTasks: ['ct_lifesaving_first', 'ct_hospital_protocol'],
      kind: 'adaptive',
    },
    {
      id: 'forensic_entry',
      number: 18,
      scenarioTime: 'Day 1 12:30',
      channel: 'face-to-face',
      from: 'Criminal police investigators and forensic team',
      to: ['police', 'regulator'],
      subject: 'Investigators need entry into the hot zone',
      body:
        'The forensic team is at the command post and needs to enter the hot zone to photograph and collect the device ' +
        'remains. They have no dosimeters and have not worked in a radiation area before.',
      expectedActions: ['Approve a radiation protection plan: dosimeters, stay time, dose limit, exit through the control point'],
      criticalTasks: ['ct_forensic_rp_plan'],
    },
    {
      id: 'forensic_push',
      number: 19,
      scenarioTime: 'Day 1 12:50',
      channel: 'face-to-face',
      from: 'Criminal police investigators and forensic team',
      to: ['police'],
      subject: 'Investigators about to go in',
      body:
        'The forensic team leader says the prosecutor wants the evidence before dark and they are going in now, without ' +
        'dosimeters, through the east side.',
      expectedActions: ['Stop the entry and approve a radiation protection plan'],
      criticalTasks: ['ct_forensic_rp_plan'],
      kind: 'contingency',
    },
    {
      id: 'press_conference_request',
      number: 20,
      scenarioTime: 'Day 1 13:00',
      channel: 'email',
      from: 'Ministry of the Interior press office',
      to: ['public_information'],
      subject: 'Press conference with the Minister at 13:30',
      body:
        'The Minister holds a press conference in Upytė at 13:30 with the incident commander. Send agreed lines by 13:15: ' +
        'facts checked with incident command, protective advice, where to get information, what happens next.',
      expectedActions: ['Prepare joint lines checked with incident command'],
      criticalTasks: ['ct_joint_information', 'ct_consistent_messages'],
    },
  ],
  actions: [
    {
      id: 'dispatch_units',
      label: 'Dispatch units',
      teams: ['police'],
      criticalTasks: ['ct_initial_cordon'],
      fields: [{ name: 'units', label: 'Units', type: 'choice', options: ['Patrol and bomb squad', 'Patrol only', 'Bomb squad only'] }],
    },
    {
      id: 'set_cordon',
      label: 'Set or move a cordon',
      teams: ['police', 'fire_rescue'],
      criticalTasks: ['ct_initial_cordon', 'ct_adjust_cordon'],
      fields: [
        { name: 'kind', label: 'Cordon', type: 'choice', options: ['Outer cordon', 'Hot zone (100 µSv/h line)'] },
        { name: 'radius_m', label: 'Radius (m)', type: 'number', min: 1, max: 5000 },
      ],
    },
    {
      id: 'evacuate',
      label: 'Move the public',
      teams: ['police'],
      criticalTasks: ['ct_initial_cordon'],
      fields: [
        { name: 'direction', label: 'Direction', type: 'choice', options: ['Upwind (west)', 'Downwind (east)', 'Shelter in place'] },
        { name: 'radius_m', label: 'Area cleared (m)', type: 'number', min: 0, max: 5000 },
      ],
    },
    {
      id: 'request_assessor',
      label: 'Request a radiological assessor',
      teams: ['police', 'fire_rescue'],
      criticalTasks: ['ct_request_assessor'],
      fields: [
        {
          name: 'assessor',
          label: 'Assessor',
          type: 'choice',
          options: ['Regulator radiological assessors', 'Fire & rescue hazmat team', 'NSSC mobile laboratory'],
        },
      ],
    },
    {
      id: 'notify',
      label: 'Notify an authority',
      teams: ['police', 'fire_rescue', 'health', 'regulator'],
      criticalTasks: ['ct_notify_national'],
      fields: [
        {
          name: 'recipient',
          label: 'Recipient',
          type: 'choice',
          options: ['National crisis management centre', 'Regulator', 'Health authority', 'NSSC'],
        },
        { name: 'summary', label: 'Summary', type: 'text', required: false, maxLength: 2000 },
      ],
    },
    {
      id: 'establish_unified_command',
      label: 'Establish unified command',
      teams: ['police', 'fire_rescue'],
      criticalTasks: ['ct_unified_command'],
      fields: [
        {
          name: 'members',
          label: 'Members',
          type: 'choice',
          options: ['Police and fire & rescue', 'Police, fire & rescue and regulator', 'Police, fire & rescue, regulator and health'],
        },
        { name: 'command_post', label: 'Command post location', type: 'text', maxLength: 200 },
      ],
    },
    {
      id: 'set_up_contamination_control',
      label: 'Set up a contamination control point',
      teams: ['fire_rescue'],
      criticalTasks: ['ct_contamination_control'],
      fields: [
        { name: 'location', label: 'Location', type: 'text', maxLength: 200 },
        { name: 'monitoring', label: 'Monitoring of everyone leaving', type: 'boolean' },
      ],
    },
    {
      id: 'send_sitrep',
      label: 'Send a situation report',
      teams: ['police'],
      criticalTasks: ['ct_sitrep'],
      fields: [
        { name: 'outer_cordon_m', label: 'Outer cordon (m)', type: 'number', min: 0, max: 5000 },
        { name: 'hot_zone_m', label: 'Hot zone (m)', type: 'number', required: false, min: 0, max: 5000 },
        { name: 'max_dose_rate_usvh', label: 'Highest dose rate measured (µSv/h)', type: 'number', required: false, min: 0 },
        { name: 'casualties', label: 'Casualties', type: 'number', min: 0, max: 1000 },
        { name: 'report', label: 'Situation, resources, requests', type: 'text', required: false, maxLength: 5000 },
      ],
    },
    {
      id: 'issue_public_message',
      label: 'Issue a public message',
      teams: ['public_information', 'police'],
      criticalTasks: ['ct_first_public_message', 'ct_consistent_messages'],
      fields: [
        {
          name: 'channel',
          label: 'Channel',
          type: 'choice',
          options: ['Social media', 'Press release', 'Emergency alert (cell broadcast)', 'Radio and TV'],
        },
        {
          name: 'protective_action',
          label: 'Protective advice',
          type: 'choice',
          options: ['Avoid the area', 'Shelter in place', 'Evacuate', 'No action needed'],
        },
        { name: 'text', label: 'Message', type: 'text', maxLength: 2000 },
      ],
    },
    {
      id: 'activate_jic',
      label: 'Activate the joint information centre',
      teams: ['public_information'],
      criticalTasks: ['ct_joint_information'],
      fields: [{ name: 'members', label: 'Agencies represented', type: 'text', maxLength: 500 }],
    },
    {
      id: 'triage_casualties',
      label: 'Triage casualties',
      teams: ['health', 'fire_rescue'],
      criticalTasks: ['ct_lifesaving_first'],
      fields: [
        { name: 'lifesaving_before_decontamination', label: 'Life-saving care before decontamination', type: 'boolean' },
        { name: 'immediate', label: 'Immediate (red)', type: 'number', min: 0, max: 100 },
        { name: 'delayed', label: 'Delayed or minor', type: 'number', min: 0, max: 100 },
      ],
    },
    {
      id: 'activate_hospital_protocol',
      label: 'Activate the hospital radiological protocol',
      teams: ['health'],
      criticalTasks: ['ct_hospital_protocol'],
      fields: [
        { name: 'monitoring_station', label: 'Monitoring station set up', type: 'boolean' },
        { name: 'care_refused', label: 'Anyone refused care', type: 'boolean' },
      ],
    },
    {
      id: 'update_protective_actions',
      label: 'Update protective actions',
      teams: ['police', 'regulator'],
      criticalTasks: ['ct_update_protective_actions'],
      fields: [
        { name: 'outer_cordon_m', label: 'Outer cordon (m)', type: 'number', min: 0, max: 5000 },
        { name: 'shelter_in_place', label: 'Shelter in place downwind', type: 'boolean' },
        { name: 'messages_updated', label: 'Public messages updated', type: 'boolean' },
      ],
    },
    {
      id: 'secure_evidence',
      label: 'Secure evidence',
      teams: ['police'],
      criticalTasks: ['ct_preserve_evidence'],
      fields: [
        { name: 'items', label: 'Items', type: 'text', maxLength: 2000 },
        { name: 'chain_of_custody', label: 'Chain of custody opened', type: 'boolean' },
      ],
    },
    {
      id: 'recover_source',
      label: 'Recover the source',
      teams: ['regulator', 'fire_rescue'],
      criticalTasks: ['ct_source_recovery'],
      fields: [
        { name: 'shielded_container', label: 'In a shielded container', type: 'boolean' },
        { name: 'team_dose_usv', label: 'Highest dose in the recovery team (µSv)', type: 'number', min: 0, max: 1_000_000 },
      ],
    },
    {
      id: 'approve_forensic_rp_plan',
      label: 'Approve a radiation protection plan for entry',
      teams: ['regulator', 'police'],
      criticalTasks: ['ct_forensic_rp_plan'],
      fields: [
        { name: 'dose_limit_usv', label: 'Dose limit per person (µSv)', type: 'number', min: 0, max: 100_000 },
        { name: 'stay_time_min', label: 'Stay time (min)', type: 'number', min: 0, max: 480 },
        { name: 'dosimeters_issued', label: 'Dosimeters issued', type: 'boolean' },
      ],
    },
  ],
  defaultResponses: [
    { after: { inject: 'emergency_call' }, delayMinutes: 2, team: 'police', action: 'dispatch_units', fields: { units: 'Patrol and bomb squad' } },
    {
      after: { inject: 'emergency_call' },
      delayMinutes: 4,
      team: 'police',
      action: 'set_cordon',
      fields: { kind: 'Outer cordon', radius_m: 400 },
    },
    {
      after: { inject: 'emergency_call' },
      delayMinutes: 6,
      team: 'police',
      action: 'evacuate',
      fields: { direction: 'Upwind (west)', radius_m: 400 },
    },
    {
      after: { inject: 'patrol_readings' },
      delayMinutes: 2,
      team: 'police',
      action: 'request_assessor',
      fields: { assessor: 'Regulator radiological assessors' },
    },
    {
      after: { inject: 'patrol_readings' },
      delayMinutes: 3,
      team: 'police',
      action: 'notify',
      fields: { recipient: 'National crisis management centre', summary: 'Suspected RDD, Town Hall Square, 400 m cordon' },
    },
    {
      after: { inject: 'hazmat_line' },
      delayMinutes: 3,
      team: 'fire_rescue',
      action: 'set_cordon',
      fields: { kind: 'Hot zone (100 µSv/h line)', radius_m: 25 },
    },
    {
      after: { inject: 'hazmat_line' },
      delayMinutes: 5,
      team: 'police',
      action: 'establish_unified_command',
      fields: { members: 'Police, fire & rescue and regulator', command_post: 'Vilniaus st. car park, 450 m west' },
    },
    {
      after: { inject: 'hazmat_line' },
      delayMinutes: 8,
      team: 'fire_rescue',
      action: 'set_up_contamination_control',
      fields: { location: 'West exit of the hot zone', monitoring: true },
    },
    {
      after: { inject: 'sitrep_request' },
      delayMinutes: 5,
      team: 'police',
      action: 'send_sitrep',
      fields: { outer_cordon_m: 400, hot_zone_m: 25, max_dose_rate_usvh: 100, casualties: 0 },
    },
    {
      after: { inject: 'social_rumours' },
      delayMinutes: 6,
      team: 'public_information',
      action: 'issue_public_message',
      fields: {
        channel: 'Social media',
        protective_action: 'Avoid the area',
        text: 'Police are dealing with a suspicious bag on Town Hall Square. Avoid the area. There is no danger outside the cordon.',
      },
    },
    {
      after: { inject: 'social_rumours' },
      delayMinutes: 9,
      team: 'public_information',
      action: 'activate_jic',
      fields: { members: 'Police, municipality, crisis centre, regulator' },
    },
    { after: { inject: 'render_safe_attempt' }, delayMinutes: 0, decision: 'device_safe' },
    {
      after: { inject: 'device_rendered_safe' },
      delayMinutes: 5,
      team: 'police',
      action: 'secure_evidence',
      fields: { items: 'Device remains, bag, lead pot', chain_of_custody: true },
    },
    {
      after: { inject: 'self_presenters' },
      delayMinutes: 5,
      team: 'health',
      action: 'activate_hospital_protocol',
      fields: { monitoring_station: true, care_refused: false },
    },
    {
      after: { inject: 'nuclide_identified' },
      delayMinutes: 8,
      team: 'police',
      action: 'update_protective_actions',
      fields: { outer_cordon_m: 400, shelter_in_place: false, messages_updated: true },
    },
    {
      after: { inject: 'shielded_container_found' },
      delayMinutes: 15,
      team: 'regulator',
      action: 'recover_source',
      fields: { shielded_container: true, team_dose_usv: 45 },
    },
    {
      after: { inject: 'forensic_entry' },
      delayMinutes: 10,
      team: 'regulator',
      action: 'approve_forensic_rp_plan',
      fields: { dose_limit_usv: 500, stay_time_min: 20, dosimeters_issued: true },
    },
  ],
  machine: {
    description:
      'Actions set flags that the timers of both tracks read; a guarded timer releases a contingency inject only when ' +
      'the expected action has not happened by then.',
    initial: 'incident',
    // Every flag, declared at StartEx so the context always has the same shape whatever the order of play.
    entry: [
      { setFlag: 'rdd_cordon', value: false },
      { setFlag: 'hot_zone_marked', value: false },
      { setFlag: 'national_centre_notified', value: false },
      { setFlag: 'unified_command', value: false },
      { setFlag: 'public_message_issued', value: false },
      { setFlag: 'rp_plan_approved', value: false },
      { setFlag: 'device_functioned', value: false },
    ],
    on: [
      {
        action: 'set_cordon',
        when: { all: [{ field: 'kind', equals: 'Hot zone (100 µSv/h line)' }, { not: { flag: 'hot_zone_marked' } }] },
        effects: [{ setFlag: 'hot_zone_marked' }, { milestone: 'hot_zone_marked' }],
      },
      {
        action: 'set_cordon',
        when: {
          all: [{ field: 'kind', equals: 'Outer cordon' }, { field: 'radius_m', atLeast: 400 }, { not: { flag: 'rdd_cordon' } }],
        },
        effects: [{ setFlag: 'rdd_cordon' }, { milestone: 'rdd_cordon_set' }],
      },
      {
        action: 'notify',
        when: {
          all: [
            { field: 'recipient', equals: 'National crisis management centre' },
            { not: { flag: 'national_centre_notified' } },
          ],
        },
        effects: [{ setFlag: 'national_centre_notified' }, { milestone: 'national_centre_notified' }],
      },
      {
        action: 'establish_unified_command',
        when: { not: { flag: 'unified_command' } },
        effects: [{ setFlag: 'unified_command' }, { milestone: 'unified_command' }],
      },
      {
        action: 'issue_public_message',
        when: { not: { flag: 'public_message_issued' } },
        effects: [{ setFlag: 'public_message_issued' }, { milestone: 'first_public_message' }],
      },
      {
        action: 'approve_forensic_rp_plan',
        when: { not: { flag: 'rp_plan_approved' } },
        effects: [{ setFlag: 'rp_plan_approved' }],
      },
    ],
    states: {
      incident: {
        type: 'parallel',
        description: 'Operations and public information run side by side from the call until EndEx.',
        states: {
          operations: {
            initial: 'call_received',
            states: {
              call_received: {
                description: 'T+0: the 112 call.',
                entry: [{ release: 'emergency_call' }],
                after: [{ minutes: 8, target: 'patrol_on_scene' }],
              },
              patrol_on_scene: {
                description: 'T+8: elevated readings; bystanders at T+12 unless a cordon of at least 400 m is set.',
                entry: [{ release: 'patrol_readings' }],
                after: [
                  { minutes: 4, when: { not: { flag: 'rdd_cordon' } }, effects: [{ release: 'bystanders_near_device' }] },
                  { minutes: 7, target: 'hazmat_survey' },
                ],
              },
              hazmat_survey: {
                description: 'T+15: the 100 µSv/h line; the crisis centre chases at T+20 unless notified.',
                entry: [{ release: 'hazmat_line' }],
                after: [
                  {
                    minutes: 5,
                    when: { not: { flag: 'national_centre_notified' } },
                    effects: [{ release: 'crisis_centre_chases' }],
                  },
                  { minutes: 10, target: 'coordination' },
                ],
              },
              coordination: {
                description: 'T+25: situation report requested; conflicting orders at T+35 without unified command.',
                entry: [{ release: 'sitrep_request' }],
                after: [
                  { minutes: 10, when: { not: { flag: 'unified_command' } }, effects: [{ release: 'conflicting_orders' }] },
                  { minutes: 15, target: 'device_outcome' },
                ],
              },
              device_outcome: {
                description:
                  'T+40: the bomb squad starts; the controller decides the outcome. Without a decision in 10 minutes, A.',
                entry: [{ release: 'render_safe_attempt' }],
                decisions: [
                  { decision: 'device_safe', label: 'A: the bomb squad renders the device safe', target: 'outcome_safe' },
                  {
                    decision: 'device_functions',
                    label: 'B: the device functions, six casualties',
                    target: 'outcome_casualties',
                    effects: [{ setFlag: 'device_functioned' }],
                  },
                ],
                after: [{ minutes: 10, target: 'outcome_safe' }],
              },
              outcome_safe: {
                description: 'A: evidence and source recovery.',
                entry: [{ release: 'device_rendered_safe' }],
                after: [{ minutes: 10, target: 'hospital_surge' }],
              },
              outcome_casualties: {
                description: 'B: casualties; the press asks five minutes later.',
                entry: [{ release: 'device_functioned' }],
                after: [
                  { minutes: 5, effects: [{ release: 'casualty_media_query' }] },
                  { minutes: 10, target: 'hospital_surge' },
                ],
              },
              hospital_surge: {
                description: 'T+50: self-presenters at the hospital.',
                entry: [{ release: 'self_presenters' }],
                after: [{ minutes: 10, target: 'identification' }],
              },
              identification: {
                description: 'T+60: Cs-137 identified; at T+70 the branch follow-up (container found, or contaminated casualties).',
                entry: [{ release: 'nuclide_identified' }],
                after: [
                  { minutes: 10, when: { not: { flag: 'device_functioned' } }, effects: [{ release: 'shielded_container_found' }] },
                  { minutes: 10, when: { flag: 'device_functioned' }, effects: [{ release: 'contaminated_casualties_ed' }] },
                  { minutes: 30, target: 'forensics' },
                ],
              },
              forensics: {
                description: 'T+90: investigators need entry; they push at T+110 without an approved plan.',
                entry: [{ release: 'forensic_entry' }],
                after: [
                  { minutes: 20, when: { not: { flag: 'rp_plan_approved' } }, effects: [{ release: 'forensic_push' }] },
                  { minutes: 60, target: 'recovery_phase' },
                ],
              },
              recovery_phase: {
                description: 'T+150: free play on recovery, evidence and handover; EndEx at T+240.',
                after: [{ minutes: 90, target: 'endex' }],
              },
            },
          },
          public_information_track: {
            initial: 'media_watch',
            states: {
              media_watch: {
                description: 'Until T+30 the public information team works from what operations tell it.',
                after: [{ minutes: 30, target: 'rumours' }],
              },
              rumours: {
                description: 'T+30: the viral video; TV escalates at T+45 if no public message has gone out.',
                entry: [{ release: 'social_rumours' }],
                after: [
                  {
                    minutes: 15,
                    when: { not: { flag: 'public_message_issued' } },
                    effects: [{ release: 'rumour_escalation' }],
                  },
                  { minutes: 90, target: 'press_briefing' },
                ],
              },
              press_briefing: {
                description: 'T+120: the Minister’s press conference; the track ends here.',
                type: 'final',
                entry: [{ release: 'press_conference_request' }],
              },
            },
          },
        },
      },
      endex: { type: 'final' },
    },
  },
};
