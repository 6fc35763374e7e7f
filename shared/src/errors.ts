/**
 * The closed catalogue of error codes. Clients act on `code`, never on message text.
 * Every code has an HTTP status (also used for socket acknowledgements) and a default message.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: 'The request does not match its schema.' },
  PROTOCOL_VERSION_MISMATCH: { status: 400, message: 'This client speaks another protocol version; reload the page.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in or join with a valid code first.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  LOGIN_FAILED: { status: 401, message: 'Wrong username or password.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has ended; sign in again.' },
  CSRF_FAILED: { status: 403, message: 'This request lacks the session\'s CSRF token; reload the page.' },
  JOIN_CODE_INVALID: { status: 401, message: 'This join code is not valid, has expired or was revoked.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts; wait a moment and try again.' },
  USERNAME_TAKEN: { status: 409, message: 'Someone already has this username.' },
  USER_NOT_FOUND: { status: 404, message: 'No user has this id.' },
  EXERCISE_NOT_FOUND: { status: 404, message: 'No exercise has this id.' },
  INJECT_NOT_FOUND: { status: 404, message: 'No inject with this id in the exercise.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route.' },
  ILLEGAL_TRANSITION: { status: 409, message: 'The exercise cannot make this transition from its current state.' },
  EXERCISE_NOT_LIVE: { status: 409, message: 'The exercise is not live.' },
  INJECT_ALREADY_RELEASED: { status: 409, message: 'This inject has already been released.' },
  DECISION_NOT_OPEN: { status: 409, message: 'The scenario does not offer this decision now.' },
  UNKNOWN_TEAM: { status: 400, message: 'The exercise has no such team.' },
  UNKNOWN_ORGANISATION: { status: 400, message: 'The scenario has no such simulated organisation.' },
  NOTHING_SCHEDULED: { status: 409, message: 'Nothing is scheduled to jump to.' },
  INJECT_NOT_RELEASED: { status: 409, message: 'This inject has not been released to your team.' },
  UNKNOWN_ACTION: { status: 400, message: 'The scenario has no such action.' },
  ACTION_NOT_ALLOWED: { status: 403, message: 'Your team cannot take this action.' },
  INVALID_ACTION_PAYLOAD: { status: 400, message: 'The action fields are not valid.' },
  SCENARIO_INVALID: { status: 422, message: 'The scenario document has errors; see problems.' },
  SCENARIO_NOT_FOUND: { status: 404, message: 'No scenario has this id.' },
  SCENARIO_ID_RESERVED: { status: 409, message: 'A built-in library scenario has this id; choose another.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  // Planning
  PLAN_LOCKED: { status: 409, message: 'The exercise has started: its plan can no longer change.' },
  AGENCY_NOT_FOUND: { status: 404, message: 'No agency has this id.' },
  AGENCY_NAME_TAKEN: { status: 409, message: 'Another agency in the directory has this name.' },
  AGENCY_IN_USE: { status: 409, message: 'An exercise maps a team to this agency or lists a person of it.' },
  PERSON_NOT_FOUND: { status: 404, message: 'No person with this id in the exercise.' },
  IMPORT_INVALID: { status: 422, message: 'The participant list has problems; see problems. Nothing was saved.' },
  IMPORT_UNREADABLE: { status: 400, message: 'The file cannot be read as CSV or XLSX.' },
  MISSING_COLUMN: { status: 400, message: 'The file lacks a required column.' },
  MISSING_VALUE: { status: 400, message: 'A required value is empty.' },
  DUPLICATE_PERSON: { status: 409, message: 'This person is already listed.' },
  UNKNOWN_AGENCY: { status: 400, message: 'No agency in the directory has this name.' },
  UNKNOWN_ROLE: { status: 400, message: 'Not a role: use director, controller, evaluator, observer or participant.' },
  UNKNOWN_OBJECTIVE: { status: 400, message: 'The scenario has no such objective.' },
  INVALID_EMAIL: { status: 400, message: 'Not a valid e-mail address.' },
  COMMS_CHECK_NOT_SENT: { status: 409, message: 'Send a communications check first.' },
  COMMS_CHECK_REQUIRED: { status: 409, message: 'This exercise becomes ready by confirming its communications check.' },
  EXERCISE_NOT_ENDED: { status: 409, message: 'This needs the exercise to have reached EndEx.' },
  REPORT_VERSION_FINAL: { status: 409, message: 'A finalised report version never changes; edit the draft and finalise again.' },
  REPORT_VERSION_NOT_FOUND: { status: 404, message: 'The report has no such finalised version.' },
  IMPROVEMENT_ITEM_NOT_FOUND: { status: 404, message: 'No improvement plan row has this id in the exercise.' },
  IMPROVEMENT_STATUS_UNCHANGED: { status: 409, message: 'The corrective action already has this status.' },
  ARCHIVE_INVALID: { status: 422, message: 'This is not a valid StartEx exercise archive; nothing was imported.' },
  UNKNOWN_RATING_SUBJECT: { status: 400, message: 'The scenario has no such capability or capability target to rate.' },
  NOTHING_TO_RECONCILE: { status: 409, message: 'No evaluator has rated this yet: there is nothing to reconcile.' },
  // Scenario studio: drafts, versions, the MSEL import (its row problems carry these codes too)
  SCENARIO_DRAFT_CONFLICT: { status: 409, message: 'Someone saved this scenario after the version you edited; merge their changes into yours and save again.' },
  SCENARIO_DRAFT_NOT_FOUND: { status: 404, message: 'This scenario has no draft.' },
  SCENARIO_READ_ONLY: { status: 409, message: 'Library scenarios are read-only; make a copy to change it.' },
  SCENARIO_ID_TAKEN: { status: 409, message: 'Another scenario or draft has this id; choose another.' },
  SCENARIO_VERSION_NOT_FOUND: { status: 404, message: 'The scenario has no such version.' },
  SCENARIO_REVISION_NOT_FOUND: { status: 404, message: 'The draft no longer keeps this revision.' },
  SCENARIO_UNCHANGED: { status: 409, message: 'The draft is the same as the newest version: there is nothing to publish.' },
  MSEL_IMPORT_INVALID: { status: 422, message: 'The MSEL has problems; see problems. Nothing was saved.' },
  MSEL_SHEET_NOT_FOUND: { status: 400, message: 'The file has no such sheet.' },
  MSEL_HEADER_NOT_FOUND: { status: 400, message: 'The header row is empty.' },
  MSEL_COLUMN_NOT_FOUND: { status: 400, message: 'The sheet has no column with this header.' },
  MSEL_TEXT_COLUMN_MISSING: { status: 400, message: 'Map a column to the subject or the description.' },
  MSEL_ROW_NOT_INJECT: { status: 400, message: 'The row has no subject and no description: it is not an inject.' },
  MSEL_ROW_OMITTED: { status: 400, message: 'The row\'s status says it is not played.' },
  MSEL_ROW_ADMINISTRATIVE: { status: 400, message: 'The row is for exercise staff, not an inject.' },
  MSEL_ROW_MARKER: { status: 400, message: 'The row marks STARTEX or ENDEX; it is not an inject.' },
  MSEL_TIME_MISSING: { status: 400, message: 'The row has no time.' },
  MSEL_TIME_UNREADABLE: { status: 400, message: 'The time or day cannot be read as the mapping says.' },
  MSEL_TIME_BEFORE_STARTEX: { status: 400, message: 'The row\'s time is before StartEx.' },
  MSEL_TIME_TOO_LATE: { status: 400, message: 'The row\'s time is more than 14 days after StartEx.' },
  MSEL_SENDER_MISSING: { status: 400, message: 'The row has no sender; exercise control sends it.' },
  MSEL_ADDRESSEE_MISSING: { status: 400, message: 'The row has no addressee; it goes to every team.' },
  MSEL_CHANNEL_GUESSED: { status: 400, message: 'The delivery method is not one StartEx knows; e-mail is used.' },
  MSEL_SUBJECT_MISSING: { status: 400, message: 'The row has no subject; it is taken from the description.' },
  MSEL_TEXT_SHORTENED: { status: 400, message: 'A text is longer than its field holds; it was shortened.' },
  MSEL_CELL_TOO_LONG: { status: 400, message: 'A cell holds more text than an inject can.' },
  MSEL_FORMULA_VALUE: { status: 400, message: 'A cell is a formula; the value saved with it is imported, the formula is not.' },
  MSEL_NUMBER_NOT_WHOLE: { status: 400, message: 'The inject number is not a whole number; the row is numbered by its place.' },
  MSEL_NUMBER_REPEATED: { status: 400, message: 'Another row has this inject number; this row is numbered by its place.' },
  MSEL_TOO_MANY_ROWS: { status: 400, message: 'More rows than a scenario\'s timeline holds (1,000).' },
  MSEL_TOO_MANY_TEAMS: { status: 400, message: 'More addressees than a scenario holds teams (50); the others share one team.' },
  MSEL_TOO_MANY_TRACKS: { status: 400, message: 'More storylines than a scenario holds tracks (50).' },
  MSEL_TOO_MANY_ORGANISATIONS: { status: 400, message: 'More senders than a scenario holds simulated organisations (50); the others are named as text.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'Set your own password first: the one you signed in with was generated for you.' },
  CURRENT_PASSWORD_WRONG: { status: 403, message: 'The current password is wrong.' },
  PASSWORD_UNCHANGED: { status: 409, message: 'Choose a new password, not the current one.' },
  HALT_RESUME_REASON_REQUIRED: {
    status: 400,
    message: 'Resuming after a real-world emergency halt needs a reason (why it is safe to go on); it is written into the log.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    message: 'You already sent something else with this idempotency key; nothing was saved. Send a new request with a new key (a retry must repeat the first request exactly).',
  },
  // Preparedness programme
  CAPABILITY_NOT_FOUND: { status: 404, message: 'No capability of the catalogue has this id.' },
  CAPABILITY_NAME_TAKEN: { status: 409, message: 'Another capability of the catalogue has this name.' },
  CAPABILITY_IN_USE: { status: 409, message: 'A need, activity, course or exercise refers to this capability.' },
  UNKNOWN_CAPABILITY: { status: 400, message: 'The catalogue has no such capability.' },
  INVALID_VALUE: { status: 400, message: 'This value is not one of those allowed here.' },
  NEED_NOT_FOUND: { status: 404, message: 'No need has this id.' },
  NEED_WITHOUT_EVIDENCE: { status: 400, message: 'A need needs evidence: a survey, interview, regulation, threat assessment or AAR finding.' },
  NEED_NOT_EDITABLE: { status: 409, message: 'This need cannot be changed in its present status.' },
  SURVEY_NOT_FOUND: { status: 404, message: 'No needs survey has this id.' },
  SURVEY_CLOSED: { status: 409, message: 'This needs survey has been submitted; it can no longer change.' },
  SURVEY_TOKEN_INVALID: { status: 401, message: 'This survey link is not valid or has been used.' },
  DATE_IN_PAST: { status: 400, message: 'This date is in the past.' },
  PLAN_NOT_FOUND: { status: 404, message: 'No preparedness plan has this id.' },
  PRIORITY_NOT_FOUND: { status: 404, message: 'No priority has this id.' },
  ACTIVITY_NOT_FOUND: { status: 404, message: 'No planned activity has this id.' },
  ACTIVITY_WITHOUT_AGENCY: { status: 400, message: 'An activity needs at least one agency.' },
  ACTIVITY_NOT_AN_EXERCISE: { status: 409, message: 'Only a seminar, workshop, tabletop, drill, functional or full-scale activity becomes an exercise.' },
  EXERCISE_ALREADY_LINKED: { status: 409, message: 'This exercise or activity is already linked to the programme.' },
  RATING_NOT_FOUND: { status: 404, message: 'No programme rating has this id.' },
  CALENDAR_FEED_INVALID: { status: 404, message: 'This calendar link is not valid or was revoked.' },
  COURSE_NOT_FOUND: { status: 404, message: 'No course has this id.' },
  SESSION_NOT_FOUND: { status: 404, message: 'No course session has this id.' },
  TRAINEE_NOT_FOUND: { status: 404, message: 'No person of a partner agency has this id.' },
  // Several nodes
  OWNER_UNAVAILABLE: { status: 503, message: 'The server running this exercise did not answer in time; try again in a moment (the log shows whether it was recorded).' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database did not answer; try again in a moment (the log shows whether it was recorded).' },
  INTERNAL: { status: 500, message: 'Something went wrong on the server; nothing was changed.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** Problem detail carried on a socket acknowledgement or inside an HTTP body. */
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  /** Where in the payload the problem is, e.g. `payload.radius_m`. */
  path?: string;
}

/** The single error class: thrown at boundaries, mapped to HTTP bodies and socket acks. */
export class StartexError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;
  /** Itemised findings, e.g. every analyzer problem of a rejected scenario. */
  readonly problems: readonly unknown[] | undefined;

  constructor(code: ErrorCode, message?: string, path?: string, problems?: readonly unknown[]) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'StartexError';
    this.code = code;
    this.path = path;
    this.problems = problems;
  }

  get statusCode(): number {
    return ERROR_CATALOGUE[this.code].status;
  }

  toDetail(): ErrorDetail {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }
}

/** The HTTP error body, fastify-style. */
export interface HttpErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
  problems?: readonly unknown[];
}
