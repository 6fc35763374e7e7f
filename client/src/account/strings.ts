import { addStrings } from '../i18n/index.ts';

/** Setting one's own password: at first sign-in after a generated one, and later from the account page. */
const en = {
  firstTitle: 'Choose your own password',
  firstIntro: 'You signed in with a password that was generated for you. Choose your own before you go on: the generated one then stops working.',
  title: 'Your account',
  signedInAs: 'Signed in as {{name}} ({{username}}).',
  changeHeading: 'Change your password',
  current: 'Current password',
  next: 'New password',
  nextHint: 'At least 12 characters; a few words you will remember are fine.',
  repeat: 'New password again',
  mismatch: 'The two new passwords differ.',
  save: 'Save the new password',
  saved: 'Your new password is saved. Other devices signed in as you were signed out.',
  home: 'Exercises',
};

const lt: typeof en = {
  firstTitle: 'Pasirinkite savo slaptažodį',
  firstIntro: 'Prisijungėte jums sugeneruotu slaptažodžiu. Prieš tęsdami pasirinkite savo: sugeneruotas tada nebegalios.',
  title: 'Jūsų paskyra',
  signedInAs: 'Prisijungta kaip {{name}} ({{username}}).',
  changeHeading: 'Pakeisti slaptažodį',
  current: 'Dabartinis slaptažodis',
  next: 'Naujas slaptažodis',
  nextHint: 'Bent 12 simbolių; tinka keli įsimenami žodžiai.',
  repeat: 'Naujas slaptažodis dar kartą',
  mismatch: 'Abu nauji slaptažodžiai skiriasi.',
  save: 'Išsaugoti naują slaptažodį',
  saved: 'Naujas slaptažodis išsaugotas. Kiti įrenginiai, kuriuose buvote prisijungę, atjungti.',
  home: 'Pratybos',
};

addStrings('account', en, lt);
