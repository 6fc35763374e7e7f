import { addStrings } from '../i18n/index.ts';

addStrings(
  'commscheck',
  {
    heading: 'Communications check',
    sentAt: 'Sent at {{time}} by exercise control. Not part of play.',
    text: 'This is a test message from exercise control, not part of the exercise. Please acknowledge it.',
    acknowledge: 'Acknowledge the check',
    acknowledged: 'Check acknowledged: exercise control sees this tablet.',
    offline: 'This tablet is offline: the check can be acknowledged when it is back online.',
  },
  {
    heading: 'Ryšio patikra',
    sentAt: 'Pratybų valdymas išsiuntė {{time}}. Tai ne žaidimo dalis.',
    text: 'Tai bandomoji pratybų valdymo žinutė, ne pratybų dalis. Prašome ją patvirtinti.',
    acknowledge: 'Patvirtinti patikrą',
    acknowledged: 'Patikra patvirtinta: pratybų valdymas mato šią planšetę.',
    offline: 'Planšetė neprisijungusi: patikrą bus galima patvirtinti, kai ryšys grįš.',
  },
);
