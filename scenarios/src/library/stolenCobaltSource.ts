import type { ScenarioDocumentInput } from '@startex/shared';

/**
 * Outline D (cross-cutting): a stolen high-activity Co-60 source, played over two story days.
 * After national activation the search, public information and international tracks run as
 * parallel regions. Story time runs one to one with scenario time: compress by the exercise speed.
 */
export const stolenCobaltSource: ScenarioDocumentInput = {
  schemaVersion: 2,
  id: 'stolen-cobalt-source',
  title: 'Stolen high-activity Co-60 source',
  summary: [
    'Public basis: the 2013 Mexico case, where a truck carrying a disused Co-60 teletherapy source was stolen at a',
    'fuel station, the source was found about a kilometre from the abandoned truck, a multi-state search and public',
    'appeal followed and the IAEA was informed.',
    '',
    'Here a truck taking a disused teletherapy head from a hospital to the national store is stolen at 02:30 at a',
    'fuel station on the A1. Police, the regulator, the national crisis management centre, the border guard, the',
    'NSSC search teams and health services must run the notification chain, coordinate nationally, deploy',
    'detection equipment, inform the public under media pressure, recover the source safely, care for exposed',
    'people and notify the IAEA. Story time runs from Day 1 02:30 to Day 2 17:00: play it at a speed factor',
    '(about ×10 gives a four-hour session). Contingency injects chase every late key action; a search that never',
    'deployed finds out about the source from a farmer instead. Names and places are fictional.',
  ].join('\n'),
  exerciseType: 'functional',
  functions: ['detection', 'response'],
  expectedDurationMinutes: 2310,
  language: 'en',
  scenarioStart: 'Day 1 02:30',
  teams: [
    { id: 'police', name: 'Police: lead agency, patrols and investigators', agency: 'police' },
    { id: 'regulator', name: 'Radiation Safety Inspectorate: technical lead and IAEA contact point', agency: 'regulator' },
    { id: 'crisis_centre', name: 'National crisis management centre and government spokespeople', agency: 'crisis-centre' },
    { id: 'border_guard', name: 'State border guard and customs: crossings with portal monitors', agency: 'border-guard' },
    { id: 'nssc', name: 'NSSC: search and recovery teams with vehicle-borne detectors', agency: 'nssc' },
    { id: 'health', name: 'Health emergency centre and hospitals', agency: 'health' },
  ],
  simulatedOrganisations: [
    { id: 'driver', name: 'Truck driver' },
    { id: 'transport_company', name: 'Transport company radiation protection officer' },
    { id: 'inspectorate_head', name: 'Head of the Radiation Safety Inspectorate' },
    { id: 'minister_office', name: 'Office of the Minister of the Interior' },
    { id: 'police_operations', name: 'Police operations centre' },
    { id: 'nssc_head', name: 'NSSC head of operations' },
    { id: 'media', name: 'News media and social media' },
    { id: 'hotline', name: 'Public hotline operators' },
    { id: 'patrol', name: 'Police patrol P-31' },
    { id: 'farmer', name: 'Farmer (hotline caller)' },
    { id: 'hospital', name: 'District hospital' },
    { id: 'custody', name: 'Police custody officer' },
    { id: 'iaea', name: 'IAEA Incident and Emergency Centre' },
  ],
  objectives: [
    {
      id: 'notification_chain',
      title: 'Notification chain',
      capabilityTargets: [
        {
          id: 'regulator_within_15',
          title: 'Police notify the regulator within 15 minutes; the regulator confirms the category within the hour',
          criticalTasks: [
            { id: 'ct_notify_regulator', title: 'Notify the regulator of the theft at once' },
            { id: 'ct_confirm_category', title: 'Confirm the source, its activity and its category' },
          ],
        },
      ],
    },
    {
      id: 'national_coordination',
      title: 'National coordination',
      capabilityTargets: [
        {
          id: 'activation_within_30',
          title: 'Activate national coordination within 30 minutes of the request, with clear lead and technical lead',
          criticalTasks: [
            { id: 'ct_activate_coordination', title: 'Activate national coordination: police lead, regulator technical lead' },
            { id: 'ct_distribute_lookout', title: 'Send vehicle data and hazard advice to crossings with portal monitors' },
          ],
        },
      ],
    },
    {
      id: 'detection_deployment',
      title: 'Deployment of NSSC detection equipment',
      capabilityTargets: [
        {
          id: 'search_within_2h',
          title: 'Calibrated vehicle-borne detectors with trained operators searching within 2 hours of the search plan',
          criticalTasks: [
            { id: 'ct_deploy_search', title: 'Deploy calibrated vehicle-borne detectors with trained operators' },
            { id: 'ct_triage_tips', title: 'Triage public tips and resolve innocent alarms' },
          ],
        },
      ],
    },
    {
      id: 'safe_recovery',
      title: 'Safe recovery',
      capabilityTargets: [
        {
          id: 'recovery_within_dose_limits',
          title: 'Cordon at the 100 µSv/h line and recover the source with every worker within the planned dose',
          criticalTasks: [
            { id: 'ct_cordon_site', title: 'Cordon the site, then move the cordon to the 100 µSv/h line' },
            { id: 'ct_recovery_plan', title: 'Approve a recovery plan with worker dose limits' },
            { id: 'ct_recover_source', title: 'Recover the source into a shielded container' },
          ],
        },
      ],
    },
    {
      id: 'public_information',
      title: 'Public information under media pressure',
      capabilityTargets: [
        {
          id: 'alert_within_30',
          title: 'A public alert with a hotline within 30 minutes of the leak; myths answered with one voice',
          criticalTasks: [
            { id: 'ct_public_alert', title: 'Issue a public alert with a hotline' },
            { id: 'ct_counter_myths', title: 'Answer rumours and myths with one consistent message' },
          ],
        },
      ],
    },
    {
      id: 'medical_care',
      title: 'Medical care',
      capabilityTargets: [
        {
          id: 'radiation_injury_recognised',
          title: 'Recognise radiation injury, find other exposed people, and treat before any arrest',
          criticalTasks: [
            { id: 'ct_suspect_radiation_injury', title: 'Suspect radiation injury and look for other exposed people' },
            { id: 'ct_care_before_arrest', title: 'Give medical care before arrest' },
          ],
        },
      ],
    },
    {
      id: 'international_notification',
      title: 'International notification',
      capabilityTargets: [
        {
          id: 'iaea_informed',
          title: 'Inform the IAEA through the contact point and coordinate offered assistance',
          criticalTasks: [
            { id: 'ct_notify_iaea', title: 'Notify the IAEA through the national contact point' },
            { id: 'ct_coordinate_assistance', title: 'Answer and coordinate the offer of international assistance' },
          ],
        },
      ],
    },
  ],
  metrics: [
    {
      id: 'time_to_notify_regulator',
      title: 'Time from the theft report to notifying the regulator',
      from: { on: 'inject.released', inject: 'truck_stolen' },
      to: { on: 'milestone', milestone: 'regulator_notified' },
      target: 15,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_confirm_category',
      title: 'Time from the theft report to the confirmed category',
      from: { on: 'inject.released', inject: 'truck_stolen' },
      to: { on: 'action.taken', action: 'confirm_category' },
      target: 60,
      unit: 'minutes',
    },
    {
      id: 'time_to_national_activation',
      title: 'Time from the activation request to national coordination',
      from: { on: 'inject.released', inject: 'activation_request' },
      to: { on: 'milestone', milestone: 'national_activation' },
      target: 30,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_lookout',
      title: 'Time from the lookout alert to its distribution to the crossings',
      from: { on: 'inject.released', inject: 'lookout_alert' },
      to: { on: 'action.taken', action: 'distribute_lookout' },
      target: 30,
      unit: 'minutes',
    },
    {
      id: 'time_to_public_alert',
      title: 'Time from the media leak to the public alert',
      from: { on: 'inject.released', inject: 'media_leak' },
      to: { on: 'milestone', milestone: 'public_alert' },
      target: 30,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_search_deployment',
      title: 'Time from the search plan to detector vehicles searching',
      from: { on: 'inject.released', inject: 'search_plan' },
      to: { on: 'milestone', milestone: 'search_deployed' },
      target: 120,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_iaea_notification',
      title: 'Time from the theft report to notifying the IAEA',
      from: { on: 'inject.released', inject: 'truck_stolen' },
      to: { on: 'milestone', milestone: 'iaea_notified' },
      target: 480,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_truck_cordon',
      title: 'Time from finding the truck to the first cordon',
      from: { on: 'inject.released', inject: 'abandoned_truck' },
      to: { on: 'action.taken', action: 'set_cordon' },
      target: 15,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_recovery',
      title: 'Time from locating the source to its recovery in a shielded container',
      from: { on: 'milestone', milestone: 'source_located' },
      to: { on: 'milestone', milestone: 'source_recovered' },
      target: 360,
      unit: 'minutes',
      perTeam: false,
    },
    {
      id: 'time_to_medical_response',
      title: 'Time from the hospital’s call to suspecting radiation injury',
      from: { on: 'inject.released', inject: 'villagers_injured' },
      to: { on: 'action.taken', action: 'medical_response' },
      target: 30,
      unit: 'minutes',
    },
  ],
  injects: [
    {
      id: 'truck_stolen',
      number: 1,
      scenarioTime: 'Day 1 02:30',
      channel: 'phone',
      from: 'Truck driver',
      to: ['police'],
      subject: '112: truck with radioactive cargo stolen at a fuel station',
      body: [
        'The driver calls 112 from the fuel station at A1 km 131 near Kryžiai:',
        '',
        '> Two men with a pistol took my truck while I was paying. White box truck, plate **MTR 275**, blue "MedTrans"',
        '> logo. I carry a transport package with an old radiotherapy head going to the national store — it has',
        '> the radiation signs on it. They drove towards Kaunas. I am not hurt.',
      ].join('\n'),
      expectedActions: [
        'Notify the regulator at once',
        'Issue a police lookout for the truck',
        'Regulator: confirm the source and its category',
      ],
      criticalTasks: ['ct_notify_regulator', 'ct_confirm_category'],
    },
    {
      id: 'transport_company_call',
      number: 2,
      scenarioTime: 'Day 1 03:00',
      channel: 'phone',
      from: 'Transport company radiation protection officer',
      to: ['regulator'],
      subject: 'Transport company: has anyone told you?',
      body:
        'Our driver says our truck was stolen half an hour ago. Have the police told you? The package is a Type B ' +
        'container with a disused Co-60 teletherapy head from the Šiauliai hospital, about 50 TBq — Category 1. ' +
        'Opened, it can kill.',
      expectedActions: ['Confirm the source and its category', 'Contact the police and the crisis centre'],
      criticalTasks: ['ct_notify_regulator', 'ct_confirm_category'],
      kind: 'contingency',
    },
    {
      id: 'activation_request',
      number: 3,
      scenarioTime: 'Day 1 03:30',
      channel: 'phone',
      from: 'Head of the Radiation Safety Inspectorate',
      to: ['regulator', 'crisis_centre'],
      subject: 'Request for national activation',
      body:
        'I have briefed the Minister. The Inspectorate requests national activation: police as lead agency for the ' +
        'search and investigation, the Inspectorate as technical lead, the NSSC for detection and recovery. First ' +
        'coordination meeting as soon as possible.',
      expectedActions: ['Activate national coordination', 'Agree lead agency (police) and technical lead (regulator)'],
      criticalTasks: ['ct_activate_coordination'],
    },
    {
      id: 'ministry_call',
      number: 4,
      scenarioTime: 'Day 1 04:30',
      channel: 'phone',
      from: 'Office of the Minister of the Interior',
      to: ['crisis_centre'],
      subject: 'Minister: why is there no coordination meeting?',
      body:
        'The Minister asks why no coordination meeting has been called an hour after the request, and who is in charge. ' +
        'He wants a briefing by 06:00.',
      expectedActions: ['Activate national coordination now', 'Name the lead and technical lead agencies'],
      criticalTasks: ['ct_activate_coordination'],
      kind: 'contingency',
    },
    {
      id: 'lookout_alert',
      number: 5,
      scenarioTime: 'Day 1 05:00',
      channel: 'email',
      from: 'Police operations centre',
      to: ['border_guard', 'police'],
      subject: 'Lookout: truck MTR 275 with a Category 1 source',
      body: [
        '**Lookout notice.** White box truck, plate MTR 275, blue "MedTrans" logo, stolen 02:25 at A1 km 131.',
        '',
        'Hazard: a Category 1 Co-60 source in a shielded package. **Do not open the package.** If found: keep at least',
        '30 m away, do not touch, report to the police operations centre. A portal monitor alarm on any vehicle is to',
        'be treated as a possible sighting.',
      ].join('\n'),
      expectedActions: ['Send the vehicle data and hazard advice to every crossing with portal monitors'],
      criticalTasks: ['ct_distribute_lookout'],
    },
    {
      id: 'media_leak',
      number: 6,
      scenarioTime: 'Day 1 07:00',
      channel: 'news',
      from: 'Morning news portal',
      to: ['crisis_centre', 'police'],
      subject: 'Leak: "BOMB MATERIAL STOLEN on the A1"',
      body:
        'Headline: **"BOMB MATERIAL STOLEN — radioactive cargo taken at gunpoint on the A1"**, quoting "a police source". ' +
        'The article says the material "could make a dirty bomb" and asks why the public was not told.',
      expectedActions: ['Issue a public alert with a hotline', 'Give one consistent message on the hazard'],
      criticalTasks: ['ct_public_alert', 'ct_counter_myths'],
    },
    {
      id: 'panic_myths',
      number: 7,
      scenarioTime: 'Day 1 08:00',
      channel: 'social',
      from: 'News media and social media',
      to: ['crisis_centre'],
      subject: 'Rumours spread: iodine, explosions, white vans',
      body: [
        'An hour after the leak there is still no official word:',
        '',
        '- pharmacies in Kaunas report queues for iodine tablets;',
        '- a post claims the truck "exploded near Kaunas" (3 000 shares);',
        '- 112 has had 60 calls about white vans.',
      ].join('\n'),
      expectedActions: ['Issue the public alert and hotline now', 'Answer the myths: iodine does not protect against Co-60'],
      criticalTasks: ['ct_public_alert', 'ct_counter_myths'],
      kind: 'contingency',
    },
    {
      id: 'search_plan',
      number: 8,
      scenarioTime: 'Day 1 10:00',
      channel: 'email',
      from: 'NSSC head of operations',
      to: ['nssc', 'police'],
      subject: 'Search plan for the NSSC detection teams',
      body: [
        'Proposed search plan:',
        '',
        '1. Three vehicle-borne detector systems along the roads within 50 km of the fuel station, starting with forest',
        '   tracks and farm roads where a truck can hide.',
        '2. Calibration and source check of each system at the NSSC before departure.',
        '3. Two trained operators and a police driver per vehicle, in shifts; personal dosimeters with alarms.',
        '4. Findings to the police operations centre; nobody approaches a hotspot without the technical lead.',
      ].join('\n'),
      expectedActions: ['Deploy calibrated vehicle-borne detectors with trained operators'],
      criticalTasks: ['ct_deploy_search'],
    },
    {
      id: 'iaea_verification_request',
      number: 9,
      scenarioTime: 'Day 1 11:00',
      channel: 'email',
      from: 'IAEA Incident and Emergency Centre',
      to: ['regulator'],
      subject: 'IAEA: request to verify media reports',
      body:
        'The IAEA Incident and Emergency Centre has seen media reports of a stolen radioactive source in your country. ' +
        'Please verify and, if confirmed, report through USIE with the nuclide, activity, category and the measures ' +
        'taken. Neighbouring States have asked us about it.',
      expectedActions: ['Notify the IAEA through USIE'],
      criticalTasks: ['ct_notify_iaea'],
      kind: 'contingency',
    },
    {
      id: 'search_status_query',
      number: 10,
      scenarioTime: 'Day 1 12:00',
      channel: 'phone',
      from: 'Office of the Minister of the Interior',
      to: ['nssc', 'crisis_centre'],
      subject: 'Minister: where are the detector vehicles?',
      body:
        'The Minister asks why, two hours after the search plan, no detector vehicle is on the road. A TV channel is ' +
        'filming the NSSC car park.',
      expectedActions: ['Deploy the detector vehicles', 'Report the search status'],
      criticalTasks: ['ct_deploy_search'],
      kind: 'contingency',
    },
    {
      id: 'hotline_tips',
      number: 11,
      scenarioTime: 'Day 1 14:00',
      channel: 'document',
      from: 'Public hotline operators',
      to: ['police', 'nssc'],
      subject: 'Hotline: 40 tips so far',
      body: [
        '| kind | tips |',
        '|---|---|',
        '| white trucks or vans seen | 21 |',
        '| strange metal objects | 9 |',
        '| people feeling unwell | 6 |',
        '| other | 3 |',
        '| **radiation alarm on a person** | 1 |',
        '',
        'The radiation alarm: a shopping-centre guard’s pager alarmed on a woman in Jonava. She says she had a',
        'nuclear-medicine scan yesterday. The guard is holding her at the entrance.',
      ].join('\n'),
      expectedActions: ['Triage the tips', 'Resolve the innocent alarm: identify the nuclide, check the medical letter'],
      criticalTasks: ['ct_triage_tips'],
    },
    {
      id: 'abandoned_truck',
      number: 12,
      scenarioTime: 'Day 2 09:00',
      channel: 'radio',
      from: 'Police patrol P-31',
      to: ['police', 'regulator', 'nssc'],
      subject: 'Truck found — the container is empty',
      body:
        'P-31: we found truck MTR 275 on a forest track near Dvarčiai, 14 km from the fuel station. The package is open ' +
        'and the container is **empty**. Our dosimeter shows 15 µSv/h at the truck. Tyre tracks lead towards the fields.',
      expectedActions: [
        'Cordon the truck, then move the cordon to the 100 µSv/h line',
        'Dosimetry for everyone at the site',
        'Search around the truck',
      ],
      criticalTasks: ['ct_cordon_site', 'ct_deploy_search'],
    },
    {
      id: 'hotspot_found',
      number: 13,
      scenarioTime: 'Day 2 10:30',
      channel: 'radio',
      from: 'NSSC vehicle-borne survey team',
      to: ['police', 'regulator', 'nssc'],
      subject: 'Survey team: hotspot in a field 1 km from the truck',
      body:
        'Hotspot in a ploughed field about 1 km north-east of the truck: about 1 mSv/h at 130 m, the 100 µSv/h line ' +
        'roughly 400 m out. We have stopped and pulled back. A farm track passes within 200 m.',
      expectedActions: ['Cordon at the 100 µSv/h line', 'Approve a recovery plan with worker dose limits'],
      criticalTasks: ['ct_cordon_site', 'ct_recovery_plan'],
    },
    {
      id: 'farmer_report',
      number: 14,
      scenarioTime: 'Day 2 10:30',
      channel: 'phone',
      from: 'Farmer (hotline caller)',
      to: ['police', 'regulator', 'nssc'],
      subject: 'Farmer: a strange metal cylinder in my field',
      body:
        'A farmer from Dvarčiai calls the hotline: there is a heavy shiny metal cylinder in his field, about a kilometre ' +
        'from where the police found the truck. He picked it up yesterday evening to look at it and put it down again. ' +
        'His dog, which lay next to it, is vomiting.',
      expectedActions: [
        'Tell him to keep away and keep others away',
        'Cordon at the 100 µSv/h line and plan the recovery',
        'Medical check of the farmer',
      ],
      criticalTasks: ['ct_cordon_site', 'ct_recovery_plan', 'ct_suspect_radiation_injury'],
      kind: 'adaptive',
    },
    {
      id: 'villagers_injured',
      number: 15,
      scenarioTime: 'Day 2 12:00',
      channel: 'phone',
      from: 'District hospital',
      to: ['health', 'crisis_centre'],
      subject: 'Hospital: two villagers with nausea and burns on their hands',
      body:
        'Two men from Dvarčiai came in with nausea, vomiting and red, blistering hands. The police are at the door and ' +
        'want to arrest them as suspects in the theft.',
      expectedActions: [
        'Suspect radiation injury and refer to the specialist centre',
        'Find other people who may have been exposed',
        'Care before arrest',
      ],
      criticalTasks: ['ct_suspect_radiation_injury', 'ct_care_before_arrest'],
    },
    {
      id: 'detainee_collapses',
      number: 16,
      scenarioTime: 'Day 2 12:30',
      channel: 'phone',
      from: 'Police custody officer',
      to: ['police', 'health'],
      subject: 'Detainee collapsed in custody',
      body:
        'One of the two men arrested without a medical assessment has vomited blood and collapsed in the custody suite. ' +
        'Custody staff ask whether the cell and they themselves are contaminated.',
      expectedActions: ['Transfer him to hospital at once', 'Monitor the custody suite and staff'],
      criticalTasks: ['ct_care_before_arrest'],
      kind: 'adaptive',
    },
    {
      id: 'iaea_assistance_offer',
      number: 17,
      scenarioTime: 'Day 2 16:00',
      channel: 'email',
      from: 'IAEA Incident and Emergency Centre',
      to: ['regulator'],
      subject: 'IAEA: offer of assistance',
      body:
        'Under the Assistance Convention the IAEA can arrange medical experts for radiation injuries and advice on ' +
        'source recovery within 24 hours. Please tell us whether you request assistance and confirm the latest ' +
        'official information through USIE.',
      expectedActions: ['Answer the offer and coordinate any assistance', 'Update the official information in USIE'],
      criticalTasks: ['ct_notify_iaea', 'ct_coordinate_assistance'],
    },
  ],
  actions: [
    {
      id: 'notify',
      label: 'Notify an organisation',
      teams: ['police', 'regulator', 'crisis_centre', 'health', 'nssc'],
      criticalTasks: ['ct_notify_regulator', 'ct_notify_iaea'],
      fields: [
        {
          name: 'recipient',
          label: 'Recipient',
          type: 'choice',
          options: ['Regulator', 'National crisis management centre', 'Police', 'Health emergency centre', 'IAEA (USIE)'],
        },
        {
          name: 'source_category',
          label: 'Source category',
          type: 'choice',
          required: false,
          options: ['Category 1', 'Category 2', 'Category 3', 'Unknown'],
        },
        { name: 'summary', label: 'Summary', type: 'text', required: false, maxLength: 2000 },
      ],
    },
    {
      id: 'confirm_category',
      label: 'Confirm the source and its category',
      teams: ['regulator'],
      criticalTasks: ['ct_confirm_category'],
      fields: [
        { name: 'nuclide', label: 'Nuclide', type: 'choice', options: ['Co-60', 'Cs-137', 'Ir-192', 'Unknown'] },
        {
          name: 'category',
          label: 'Category',
          type: 'choice',
          options: ['Category 1', 'Category 2', 'Category 3', 'Category 4', 'Category 5'],
        },
      ],
    },
    {
      id: 'activate_coordination',
      label: 'Activate national coordination',
      teams: ['crisis_centre'],
      criticalTasks: ['ct_activate_coordination'],
      fields: [
        {
          name: 'lead_agency',
          label: 'Lead agency',
          type: 'choice',
          options: ['Police', 'Radiation Safety Inspectorate', 'Crisis centre'],
        },
        {
          name: 'technical_lead',
          label: 'Technical lead',
          type: 'choice',
          options: ['Radiation Safety Inspectorate', 'NSSC', 'Fire & rescue'],
        },
      ],
    },
    {
      id: 'distribute_lookout',
      label: 'Distribute the lookout to crossings',
      teams: ['border_guard'],
      criticalTasks: ['ct_distribute_lookout'],
      fields: [
        {
          name: 'crossings',
          label: 'Crossings',
          type: 'choice',
          options: ['All crossings with portal monitors', 'Selected crossings', 'None yet'],
        },
        { name: 'hazard_advice', label: 'Hazard advice included', type: 'boolean' },
      ],
    },
    {
      id: 'issue_public_alert',
      label: 'Issue a public alert',
      teams: ['crisis_centre', 'police'],
      criticalTasks: ['ct_public_alert', 'ct_counter_myths'],
      fields: [
        {
          name: 'channel',
          label: 'Channel',
          type: 'choice',
          options: ['Emergency alert (cell broadcast)', 'Press release', 'Social media', 'Radio and TV'],
        },
        {
          name: 'advice',
          label: 'Advice',
          type: 'choice',
          options: ['Do not touch, keep away, call the hotline', 'Stay indoors', 'No advice'],
        },
        { name: 'hotline_opened', label: 'Hotline number given', type: 'boolean' },
        { name: 'text', label: 'Message', type: 'text', maxLength: 2000 },
      ],
    },
    {
      id: 'deploy_search_teams',
      label: 'Deploy search teams',
      teams: ['nssc'],
      criticalTasks: ['ct_deploy_search'],
      fields: [
        { name: 'vehicles', label: 'Detector vehicles on the road', type: 'number', min: 0, max: 20 },
        { name: 'detectors_calibrated', label: 'Detectors calibrated and source-checked', type: 'boolean' },
        { name: 'operators', label: 'Trained operators deployed', type: 'number', min: 0, max: 100 },
      ],
    },
    {
      id: 'triage_tips',
      label: 'Report tip triage',
      teams: ['police', 'nssc'],
      criticalTasks: ['ct_triage_tips'],
      fields: [
        { name: 'tips_closed', label: 'Tips closed', type: 'number', min: 0, max: 10_000 },
        { name: 'innocent_alarms_resolved', label: 'Innocent alarms resolved', type: 'number', min: 0, max: 1000 },
      ],
    },
    {
      id: 'set_cordon',
      label: 'Set or move a cordon',
      teams: ['police', 'nssc', 'regulator'],
      criticalTasks: ['ct_cordon_site'],
      fields: [
        { name: 'site', label: 'Site', type: 'choice', options: ['Abandoned truck', 'Source location'] },
        { name: 'radius_m', label: 'Radius (m)', type: 'number', min: 1, max: 5000 },
        { name: 'basis', label: 'Basis', type: 'choice', options: ['Initial (at least 30 m)', 'Measured 100 µSv/h line'] },
      ],
    },
    {
      id: 'approve_recovery_plan',
      label: 'Approve the recovery plan',
      teams: ['regulator', 'nssc'],
      criticalTasks: ['ct_recovery_plan'],
      fields: [
        { name: 'worker_dose_limit_msv', label: 'Dose limit per worker (mSv)', type: 'number', min: 0, max: 500 },
        {
          name: 'method',
          label: 'Method',
          type: 'choice',
          options: ['Long-handled tools into a lead container', 'Remote-handled recovery vehicle', 'Not decided'],
        },
        { name: 'rehearsed', label: 'Rehearsed with a dummy source', type: 'boolean' },
      ],
    },
    {
      id: 'recover_source',
      label: 'Report the source recovery',
      teams: ['nssc'],
      criticalTasks: ['ct_recover_source'],
      fields: [
        { name: 'in_shielded_container', label: 'Source in a shielded container', type: 'boolean' },
        { name: 'highest_worker_dose_msv', label: 'Highest worker dose (mSv)', type: 'number', min: 0, max: 1000 },
      ],
    },
    {
      id: 'medical_response',
      label: 'Record the medical response',
      teams: ['health'],
      criticalTasks: ['ct_suspect_radiation_injury'],
      fields: [
        { name: 'radiation_injury_suspected', label: 'Radiation injury suspected', type: 'boolean' },
        { name: 'search_for_exposed', label: 'Search for other exposed people started', type: 'boolean' },
        {
          name: 'referred_to',
          label: 'Referred to',
          type: 'choice',
          options: ['National radiation injury centre', 'District hospital', 'Not yet'],
        },
      ],
    },
    {
      id: 'detain_person',
      label: 'Detain a suspect',
      teams: ['police'],
      criticalTasks: ['ct_care_before_arrest'],
      fields: [{ name: 'medical_assessment_first', label: 'Medical assessment before detention', type: 'boolean' }],
    },
    {
      id: 'respond_to_iaea',
      label: 'Answer the IAEA',
      teams: ['regulator'],
      criticalTasks: ['ct_coordinate_assistance'],
      fields: [
        {
          name: 'response',
          label: 'Response',
          type: 'choice',
          options: ['Request medical experts', 'Request medical experts and recovery advice', 'Decline with thanks'],
        },
      ],
    },
  ],
  defaultResponses: [
    {
      after: { inject: 'truck_stolen' },
      delayMinutes: 2,
      team: 'police',
      action: 'notify',
      fields: { recipient: 'Regulator', source_category: 'Unknown', summary: 'Truck MTR 275 with a radioactive package stolen, A1 km 131' },
    },
    {
      after: { inject: 'truck_stolen' },
      delayMinutes: 20,
      team: 'regulator',
      action: 'confirm_category',
      fields: { nuclide: 'Co-60', category: 'Category 1' },
    },
    {
      after: { inject: 'activation_request' },
      delayMinutes: 15,
      team: 'crisis_centre',
      action: 'activate_coordination',
      fields: { lead_agency: 'Police', technical_lead: 'Radiation Safety Inspectorate' },
    },
    {
      after: { inject: 'lookout_alert' },
      delayMinutes: 10,
      team: 'border_guard',
      action: 'distribute_lookout',
      fields: { crossings: 'All crossings with portal monitors', hazard_advice: true },
    },
    {
      after: { inject: 'media_leak' },
      delayMinutes: 20,
      team: 'crisis_centre',
      action: 'issue_public_alert',
      fields: {
        channel: 'Radio and TV',
        advice: 'Do not touch, keep away, call the hotline',
        hotline_opened: true,
        text: 'A dangerous radioactive source was stolen on the A1. If you see a metal container or cylinder, do not touch it, keep away and call 1808.',
      },
    },
    {
      after: { inject: 'media_leak' },
      delayMinutes: 30,
      team: 'regulator',
      action: 'notify',
      fields: { recipient: 'IAEA (USIE)', source_category: 'Category 1', summary: 'Theft of a Category 1 Co-60 source in transport' },
    },
    {
      after: { inject: 'search_plan' },
      delayMinutes: 45,
      team: 'nssc',
      action: 'deploy_search_teams',
      fields: { vehicles: 3, detectors_calibrated: true, operators: 6 },
    },
    {
      after: { inject: 'hotline_tips' },
      delayMinutes: 60,
      team: 'police',
      action: 'triage_tips',
      fields: { tips_closed: 40, innocent_alarms_resolved: 1 },
    },
    {
      after: { inject: 'abandoned_truck' },
      delayMinutes: 10,
      team: 'police',
      action: 'set_cordon',
      fields: { site: 'Abandoned truck', radius_m: 30, basis: 'Initial (at least 30 m)' },
    },
    {
      after: { inject: 'hotspot_found' },
      delayMinutes: 10,
      team: 'nssc',
      action: 'set_cordon',
      fields: { site: 'Source location', radius_m: 400, basis: 'Measured 100 µSv/h line' },
    },
    {
      after: { inject: 'hotspot_found' },
      delayMinutes: 30,
      team: 'regulator',
      action: 'approve_recovery_plan',
      fields: { worker_dose_limit_msv: 10, method: 'Long-handled tools into a lead container', rehearsed: true },
    },
    {
      after: { inject: 'villagers_injured' },
      delayMinutes: 15,
      team: 'health',
      action: 'medical_response',
      fields: { radiation_injury_suspected: true, search_for_exposed: true, referred_to: 'National radiation injury centre' },
    },
    {
      after: { inject: 'villagers_injured' },
      delayMinutes: 30,
      team: 'police',
      action: 'detain_person',
      fields: { medical_assessment_first: true },
    },
    {
      after: { inject: 'hotspot_found' },
      delayMinutes: 240,
      team: 'nssc',
      action: 'recover_source',
      fields: { in_shielded_container: true, highest_worker_dose_msv: 2.1 },
    },
    {
      after: { inject: 'iaea_assistance_offer' },
      delayMinutes: 30,
      team: 'regulator',
      action: 'respond_to_iaea',
      fields: { response: 'Request medical experts' },
    },
  ],
  machine: {
    description:
      'Actions set flags that the timers read; a guarded timer releases a contingency inject only when the expected ' +
      'action has not happened by then. At the D2 10:30 branch the guarded timer comes first and the unguarded one with ' +
      'the same delay is the "otherwise": due timers fire in the order they were scheduled.',
    initial: 'theft_reported',
    // Every flag, declared at StartEx so the context always has the same shape whatever the order of play.
    entry: [
      { setFlag: 'regulator_notified', value: false },
      { setFlag: 'national_activation', value: false },
      { setFlag: 'public_alert', value: false },
      { setFlag: 'iaea_notified', value: false },
      { setFlag: 'search_deployed', value: false },
      { setFlag: 'source_recovered', value: false },
      { setFlag: 'detainee_collapsed', value: false },
    ],
    on: [
      {
        action: 'notify',
        when: { all: [{ field: 'recipient', equals: 'Regulator' }, { not: { flag: 'regulator_notified' } }] },
        effects: [{ setFlag: 'regulator_notified' }, { milestone: 'regulator_notified' }],
      },
      {
        action: 'notify',
        team: 'regulator',
        when: { all: [{ field: 'recipient', equals: 'IAEA (USIE)' }, { not: { flag: 'iaea_notified' } }] },
        effects: [{ setFlag: 'iaea_notified' }, { milestone: 'iaea_notified' }],
      },
      {
        action: 'activate_coordination',
        when: { not: { flag: 'national_activation' } },
        effects: [{ setFlag: 'national_activation' }, { milestone: 'national_activation' }],
      },
      {
        action: 'issue_public_alert',
        when: { not: { flag: 'public_alert' } },
        effects: [{ setFlag: 'public_alert' }, { milestone: 'public_alert' }],
      },
      {
        action: 'deploy_search_teams',
        when: { all: [{ field: 'vehicles', atLeast: 1 }, { not: { flag: 'search_deployed' } }] },
        effects: [{ setFlag: 'search_deployed' }, { milestone: 'search_deployed' }],
      },
    ],
    states: {
      theft_reported: {
        description: 'D1 02:30: the theft; the transport company calls the regulator at 03:00 unless the police have.',
        entry: [{ release: 'truck_stolen' }],
        after: [
          { minutes: 30, when: { not: { flag: 'regulator_notified' } }, effects: [{ release: 'transport_company_call' }] },
          { minutes: 60, target: 'activation' },
        ],
      },
      activation: {
        description: 'D1 03:30: the regulator asks for national activation; the Minister chases at 04:30 without it.',
        entry: [{ release: 'activation_request' }],
        after: [
          { minutes: 60, when: { not: { flag: 'national_activation' } }, effects: [{ release: 'ministry_call' }] },
          { minutes: 90, target: 'national_response' },
        ],
      },
      national_response: {
        type: 'parallel',
        description: 'From D1 05:00 the search, public information and international tracks run side by side; EndEx D2 17:00.',
        after: [{ minutes: 2160, target: 'endex' }],
        states: {
          search: {
            initial: 'lookout',
            states: {
              lookout: {
                description: 'D1 05:00: lookout to the crossings with portal monitors.',
                entry: [{ release: 'lookout_alert' }],
                after: [{ minutes: 300, target: 'search_planning' }],
              },
              search_planning: {
                description: 'D1 10:00: the NSSC search plan; the Minister asks at 12:00 if no vehicle is out.',
                entry: [{ release: 'search_plan' }],
                after: [
                  { minutes: 120, when: { not: { flag: 'search_deployed' } }, effects: [{ release: 'search_status_query' }] },
                  { minutes: 240, target: 'tip_triage' },
                ],
              },
              tip_triage: {
                description: 'D1 14:00: forty hotline tips, one an innocent medical alarm; nothing more until the morning.',
                entry: [{ release: 'hotline_tips' }],
                after: [{ minutes: 1140, target: 'truck_site' }],
              },
              truck_site: {
                description:
                  'D2 09:00: the truck, empty. At 10:30 the survey team finds the hotspot if it was deployed; otherwise a farmer calls.',
                entry: [{ release: 'abandoned_truck' }],
                after: [
                  {
                    minutes: 90,
                    when: { flag: 'search_deployed' },
                    target: 'source_phase',
                    effects: [{ release: 'hotspot_found' }],
                  },
                  { minutes: 90, target: 'source_phase', effects: [{ release: 'farmer_report' }] },
                ],
              },
              source_phase: {
                description: 'The source is located: recovery, and the people exposed to it.',
                initial: 'source_located',
                on: [
                  {
                    action: 'recover_source',
                    when: { all: [{ field: 'in_shielded_container', equals: true }, { not: { flag: 'source_recovered' } }] },
                    effects: [{ setFlag: 'source_recovered' }, { milestone: 'source_recovered' }],
                  },
                  {
                    action: 'detain_person',
                    when: {
                      all: [{ field: 'medical_assessment_first', equals: false }, { not: { flag: 'detainee_collapsed' } }],
                    },
                    effects: [{ setFlag: 'detainee_collapsed' }, { release: 'detainee_collapses' }],
                  },
                ],
                states: {
                  source_located: {
                    description: 'D2 10:30: cordon at the 100 µSv/h line and plan the recovery.',
                    entry: [{ milestone: 'source_located' }],
                    after: [{ minutes: 90, target: 'exposure' }],
                  },
                  exposure: {
                    description: 'D2 12:00: two villagers with radiation injuries; recovery goes on until EndEx.',
                    entry: [{ release: 'villagers_injured' }],
                  },
                },
              },
            },
          },
          public_information: {
            initial: 'quiet_night',
            states: {
              quiet_night: {
                description: 'Until D1 07:00 nothing is public.',
                after: [{ minutes: 120, target: 'leak' }],
              },
              leak: {
                description: 'D1 07:00: the leak; panic and myths at 08:00 if there is still no public alert.',
                entry: [{ release: 'media_leak' }],
                after: [
                  { minutes: 60, when: { not: { flag: 'public_alert' } }, effects: [{ release: 'panic_myths' }] },
                  { minutes: 120, target: 'information_routine' },
                ],
              },
              information_routine: {
                description: 'Hotline and regular updates continue as routine; the track ends here.',
                type: 'final',
              },
            },
          },
          international: {
            initial: 'international_watch',
            states: {
              international_watch: {
                description: 'The IAEA asks to verify media reports at D1 11:00 unless notified; it offers assistance D2 16:00.',
                after: [
                  {
                    minutes: 360,
                    when: { not: { flag: 'iaea_notified' } },
                    effects: [{ release: 'iaea_verification_request' }],
                  },
                  { minutes: 2100, target: 'assistance_offer' },
                ],
              },
              assistance_offer: {
                description: 'D2 16:00: the offer of assistance; the track ends here.',
                type: 'final',
                entry: [{ release: 'iaea_assistance_offer' }],
              },
            },
          },
        },
      },
      endex: { type: 'final' },
    },
  },
};
