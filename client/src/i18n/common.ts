/** Strings every view shares. Keys are English-ish ids; both languages must define each. */
export const commonEn = {
  connection: { connecting: 'Connecting…', online: 'Online', offline: 'Offline — reconnecting', refused: 'Not connected' },
  language: 'Language',
  theme: { label: 'Theme', light: 'Light', dark: 'Dark' },
  signIn: { title: 'Sign in to StartEx', username: 'Username', password: 'Password', submit: 'Sign in', signOut: 'Sign out' },
  loading: 'Loading…',
  status: { draft: 'draft', ready: 'ready', live: 'live', paused: 'paused', halted: 'halted', ended: 'ended', closed: 'closed' },
  halt: { banner: 'REAL-WORLD EMERGENCY — play is halted: {{reason}}' },
  home: {
    tagline: 'Exercise orchestration for the Nuclear Security Support Centre.',
    join: 'Join an exercise with a join code',
  },
};

export const commonLt: typeof commonEn = {
  connection: { connecting: 'Jungiamasi…', online: 'Prisijungta', offline: 'Neprisijungta — jungiamasi iš naujo', refused: 'Neprijungta' },
  language: 'Kalba',
  theme: { label: 'Tema', light: 'Šviesi', dark: 'Tamsi' },
  signIn: { title: 'Prisijungimas prie StartEx', username: 'Naudotojo vardas', password: 'Slaptažodis', submit: 'Prisijungti', signOut: 'Atsijungti' },
  loading: 'Įkeliama…',
  status: { draft: 'rengiamos', ready: 'parengtos', live: 'vyksta', paused: 'sustabdytos', halted: 'nutrauktos', ended: 'baigtos', closed: 'uždarytos' },
  halt: { banner: 'TIKRA AVARINĖ SITUACIJA — pratybos nutrauktos: {{reason}}' },
  home: {
    tagline: 'Branduolinio saugumo paramos centro pratybų valdymas.',
    join: 'Prisijungti prie pratybų su prisijungimo kodu',
  },
};
