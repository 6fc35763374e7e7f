/**
 * Which catalogue capability each objective of the built-in library scenarios exercises: the
 * suggestion an exercise made from the plan starts with. It lives here, beside the catalogue,
 * rather than in the scenario documents, whose schema the programme does not own; a planner
 * changes it per exercise.
 */
export const LIBRARY_CAPABILITIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  demo: { verify_alarm: 'instrument-alarm-assessment' },
  'detection-portal-alarm': {
    verify_alarm: 'instrument-alarm-assessment',
    discriminate_sources: 'instrument-alarm-assessment',
    use_reachback: 'expert-reachback',
    notify_on_time: 'decision-making-notification',
    protect_officers: 'protection-responders-public',
  },
  'prevention-insider': {
    report_indicators: 'insider-threat-mitigation',
    notify_regulator: 'decision-making-notification',
    share_information: 'intelligence-sharing',
    interim_measures: 'physical-protection',
  },
  'response-city-device': {
    recognise_and_cordon: 'protection-responders-public',
    command_and_notification: 'incident-command',
    protect_responders: 'protection-responders-public',
    inform_public: 'public-communication',
    casualty_care: 'medical-management',
    preserve_evidence: 'radiological-crime-scene',
  },
  'stolen-cobalt-source': {
    notification_chain: 'decision-making-notification',
    national_coordination: 'interagency-coordination',
    detection_deployment: 'search-missing-sources',
    safe_recovery: 'render-safe-recovery',
    public_information: 'public-communication',
    medical_care: 'medical-management',
    international_notification: 'decision-making-notification',
  },
};
