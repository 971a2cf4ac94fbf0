/**
 * `ifeval`: writing tasks with verifiable instructions, IFEval style (Zhou et al. 2023). Each item is
 * a task — an email, a short story, a product description, a summary of a given text, a list of tips,
 * a poem, a blog post, a speech or a review, on one of a few dozen subjects — followed by 1, 2 or 3
 * instructions (the difficulty) written in plain English; `item.constraints` carries their checkable
 * form for the `ifeval` scorer (src/scorers/ifeval-constraints.ts defines the kinds).
 *
 * Item i's first constraint is of kind `CATEGORIES[i % CATEGORIES.length]` (its category), so every
 * kind is covered; the others are drawn, each kind at most once, among the kinds compatible with
 * those already chosen. Never combined: lowercase with uppercase; json_only with anything but
 * word_count, include_keywords, forbidden_words, keyword_frequency, lowercase and placeholders (JSON
 * has no bullets, paragraphs, title, phrases, postscript, quotes or highlights, needs commas for a
 * second key, and `true`/`null` are lowercase); sentence_count with bullet_count or paragraphs
 * (whether a bullet or a divider ends a sentence is unclear); postscript with end_phrase (both want
 * the end) or paragraphs (a postscript may read as one more paragraph). No forbidden word, and no
 * word limited by keyword_frequency, occurs in a keyword or phrase the answer must contain; such a
 * draw is redrawn.
 *
 * Higher difficulty also tightens the parameters: more words or narrower word and sentence ranges,
 * more bullets, paragraphs, keywords, forbidden words, placeholders and highlights. Forbidden words
 * and "at most" keywords are the words the task itself invites (e.g. "bottle" for a message in a
 * bottle).
 */
import { RicegradeError } from '../../errors.js';
import { countKeyword, instructionText } from '../../scorers/ifeval-constraints.js';
import type { Constraint, Item } from '../../types.js';
import { checkOptions, createRng, type Rng } from '../common.js';
import type { Difficulty, GenerateOptions, Generator } from '../types.js';

const NAME = 'ifeval';

/** The kinds, in the order item categories cycle through them. */
const CATEGORIES = [
  'word_count',
  'bullet_count',
  'include_keywords',
  'lowercase',
  'end_phrase',
  'title',
  'json_only',
  'forbidden_words',
  'paragraphs',
  'no_commas',
  'keyword_frequency',
  'postscript',
  'uppercase',
  'placeholders',
  'start_phrase',
  'sentence_count',
  'quotation',
  'highlights',
] as const;

type Kind = (typeof CATEGORIES)[number];

/** Pairs of kinds never given together (symmetric). */
const CONFLICTS: ReadonlyArray<readonly [Kind, readonly Kind[]]> = [
  ['lowercase', ['uppercase']],
  [
    'json_only',
    ['sentence_count', 'bullet_count', 'uppercase', 'start_phrase', 'end_phrase', 'title', 'no_commas', 'paragraphs', 'postscript', 'quotation', 'highlights'],
  ],
  ['sentence_count', ['bullet_count', 'paragraphs']],
  ['postscript', ['end_phrase', 'paragraphs']],
];

/** Whether two kinds may be given together (a kind is never given twice). */
export function compatible(a: string, b: string): boolean {
  if (a === b) return false;
  return !CONFLICTS.some(([x, others]) => (x === a && others.includes(b as Kind)) || (x === b && others.includes(a as Kind)));
}

/** A writing task: the request, and the words it invites (candidates for forbidden and "at most" words). */
interface Task {
  prompt: string;
  natural: readonly [string, string, string];
}

const task = (prompt: string, natural: readonly [string, string, string]): Task => ({ prompt, natural });

const PASSAGES: readonly Task[] = [
  task(
    'The town library will close for three weeks in March while workers replace its roof. During the closure, a mobile library van will visit the market square every Tuesday and Friday. Borrowed books can be returned to any branch, and late fees will be waived until the library reopens.',
    ['library', 'roof', 'books'],
  ),
  task(
    'Honeybees visit thousands of flowers a day to collect nectar. Back at the hive, worker bees pass the nectar from one to another and fan it with their wings until most of the water has evaporated. The thick result is honey, which the colony stores in wax cells to eat during the winter.',
    ['bees', 'honey', 'nectar'],
  ),
  task(
    'The city council has approved a one-year trial of protected bike lanes on Elm Street. Parking on one side of the street will be removed to make room for the lanes. The council will count cyclists and measure traffic speeds before deciding whether to make the change permanent.',
    ['bike', 'council', 'parking'],
  ),
  task(
    'A study of two thousand office workers found that those who slept at least seven hours a night made fewer errors in routine tasks. The effect was strongest in the afternoon. The researchers suggest that employers avoid early-morning meetings after late events.',
    ['sleep', 'study', 'workers'],
  ),
  task(
    'Volunteers have turned an empty lot behind the train station into a community garden. Forty families now grow vegetables in raised beds, and a local school uses two of the beds for science lessons. The group is asking for donations of tools and a water tank.',
    ['garden', 'volunteers', 'vegetables'],
  ),
  task(
    'A kitchen appliance maker is recalling twelve thousand electric kettles because the lid can open while the water is boiling. No serious injuries have been reported. Owners can return the kettle to the shop for a full refund or ask for a free replacement lid.',
    ['kettle', 'lid', 'refund'],
  ),
].map((p) => task(`Summarize the following text for a busy reader.\n\n${p.prompt}`, p.natural));

const FORMATS: ReadonlyArray<{ name: string; tasks: readonly Task[] }> = [
  {
    name: 'email',
    tasks: [
      task('Write an email to your team announcing that the weekly meeting moves to Thursday afternoons.', ['meeting', 'Thursday', 'team']),
      task('Write an email to your landlord about a leaking kitchen tap.', ['tap', 'kitchen', 'landlord']),
      task('Write an email to a customer whose parcel arrived a week late.', ['parcel', 'late', 'delivery']),
      task('Write an email thanking a colleague for covering your shift last weekend.', ['shift', 'weekend', 'colleague']),
      task('Write an email to a supplier asking for a price quote on twenty office chairs.', ['chairs', 'quote', 'price']),
      task('Write an email inviting your neighbours to a street party on Saturday.', ['party', 'Saturday', 'neighbours']),
    ],
  },
  {
    name: 'story',
    tasks: [
      task('Write a short story about a lighthouse keeper who finds a message in a bottle.', ['lighthouse', 'bottle', 'message']),
      task('Write a short story about a robot learning to bake bread.', ['robot', 'bread', 'oven']),
      task('Write a short story about two friends lost in a night market.', ['market', 'friends', 'lost']),
      task('Write a short story about a cat who runs a small bookshop.', ['cat', 'bookshop', 'books']),
      task('Write a short story about the last train of the night.', ['train', 'night', 'station']),
      task('Write a short story about a girl who can talk to rivers.', ['river', 'girl', 'water']),
    ],
  },
  {
    name: 'product description',
    tasks: [
      task('Write a product description for a solar-powered camping lantern.', ['solar', 'lantern', 'light']),
      task('Write a product description for noise-cancelling headphones made for children.', ['headphones', 'noise', 'children']),
      task('Write a product description for a notebook whose pages can be wiped clean and reused.', ['notebook', 'pages', 'paper']),
      task('Write a product description for a folding electric bicycle.', ['bicycle', 'electric', 'battery']),
      task('Write a product description for a smart plant pot that waters itself.', ['plant', 'pot', 'water']),
      task('Write a product description for an ergonomic desk chair.', ['chair', 'desk', 'back']),
    ],
  },
  { name: 'summary', tasks: PASSAGES },
  {
    name: 'tips',
    tasks: [
      task('Write a list of tips for saving money on groceries.', ['money', 'food', 'buy']),
      task('Write a list of tips for sleeping better.', ['sleep', 'bed', 'night']),
      task('Write a list of tips for learning a new language.', ['language', 'words', 'practice']),
      task('Write a list of tips for working from home.', ['home', 'work', 'desk']),
      task('Write a list of tips for keeping houseplants alive.', ['plants', 'water', 'light']),
      task('Write a list of tips for preparing for a job interview.', ['interview', 'job', 'questions']),
    ],
  },
  {
    name: 'poem',
    tasks: [
      task('Write a poem about autumn in a big city.', ['autumn', 'city', 'leaves']),
      task('Write a poem about the sea at night.', ['sea', 'night', 'moon']),
      task("Write a poem about a grandmother's kitchen.", ['kitchen', 'grandmother', 'bread']),
      task('Write a poem about the first snow of winter.', ['snow', 'winter', 'white']),
      task('Write a poem about a long bus journey.', ['bus', 'road', 'window']),
      task('Write a poem about a garden in spring.', ['garden', 'spring', 'flowers']),
    ],
  },
  {
    name: 'blog post',
    tasks: [
      task('Write a short blog post about why walking meetings work.', ['walking', 'meetings', 'office']),
      task('Write a short blog post about the history of the bicycle.', ['bicycle', 'history', 'wheels']),
      task('Write a short blog post about reducing food waste at home.', ['food', 'waste', 'fridge']),
      task('Write a short blog post about why public libraries matter.', ['libraries', 'books', 'library']),
      task('Write a short blog post about the basics of composting.', ['compost', 'soil', 'waste']),
      task('Write a short blog post about learning to cook as an adult.', ['cook', 'kitchen', 'recipes']),
    ],
  },
  {
    name: 'speech',
    tasks: [
      task("Write a toast for your best friend's wedding.", ['wedding', 'love', 'friend']),
      task("Write a short speech for a teacher's retirement party.", ['teacher', 'retirement', 'school']),
      task('Write a short graduation speech for a secondary school class.', ['graduation', 'school', 'future']),
      task('Write a short speech congratulating a local football team on winning the cup.', ['team', 'cup', 'football']),
    ],
  },
  {
    name: 'review',
    tasks: [
      task('Write a review of a new ramen restaurant in your neighbourhood.', ['ramen', 'restaurant', 'noodles']),
      task('Write a review of a mystery novel you enjoyed.', ['novel', 'mystery', 'book']),
      task('Write a review of a budget smartphone.', ['phone', 'battery', 'price']),
      task('Write a review of a small city museum.', ['museum', 'exhibits', 'city']),
    ],
  },
];

/** Words to include, unrelated to any task (as IFEval draws them from a word list). */
const KEYWORDS = [
  'balance', 'bridge', 'candle', 'compass', 'harbor', 'lantern', 'mirror', 'morning', 'orbit', 'puzzle', 'signal',
  'silver', 'thunder', 'meadow', 'ribbon', 'anchor', 'harvest', 'echo', 'pattern', 'promise', 'season', 'shadow',
  'summit', 'velvet', 'whisper', 'canvas', 'feather', 'marble', 'violin', 'glacier', 'copper', 'island',
];
const START_PHRASES = ['My answer is', 'Here is my response', 'In short', 'To begin with', 'Let me start by saying', 'I would say'];
const END_PHRASES = [
  'Is there anything else I can help with?',
  'Any other questions?',
  'Let me know if you have additional questions.',
  'That is all for now.',
  'Thank you for reading.',
];
const MARKERS = ['P.S.', 'P.P.S.'];

/** The parameters of one constraint of `kind` for task `t`; a higher difficulty asks for more. */
function draw(kind: Kind, t: Task, rng: Rng, difficulty: Difficulty): Constraint {
  switch (kind) {
    case 'word_count': {
      if (difficulty === 3) {
        const min = rng.pick([60, 80, 100]);
        return { kind, min, max: min + rng.pick([30, 40, 50]) };
      }
      const [mins, maxes] = difficulty === 1 ? [[40, 50, 60, 80], [200, 250, 300]] : [[100, 120, 150], [100, 120, 150]];
      return rng.chance(0.5) ? { kind, min: rng.pick(mins) } : { kind, max: rng.pick(maxes) };
    }
    case 'sentence_count': {
      if (difficulty === 3) {
        const min = rng.int(4, 6);
        return { kind, min, max: min + 2 };
      }
      if (difficulty === 1) return rng.chance(0.5) ? { kind, min: rng.int(3, 5) } : { kind, max: rng.int(10, 12) };
      return rng.chance(0.5) ? { kind, min: rng.int(6, 8) } : { kind, max: rng.int(5, 7) };
    }
    case 'bullet_count':
      return { kind, count: difficulty === 1 ? 3 : difficulty === 2 ? rng.int(3, 5) : rng.int(5, 7) };
    case 'include_keywords':
      return { kind, keywords: rng.sample(KEYWORDS, difficulty) };
    case 'forbidden_words':
      return { kind, words: rng.sample(t.natural, difficulty) };
    case 'keyword_frequency': {
      if (difficulty === 1) return { kind, keyword: rng.pick(KEYWORDS), min: 2 };
      if (rng.chance(0.5)) return { kind, keyword: rng.pick(t.natural), max: 1 };
      return difficulty === 2 ? { kind, keyword: rng.pick(KEYWORDS), min: 3 } : { kind, keyword: rng.pick(KEYWORDS), min: 3, max: 4 };
    }
    case 'paragraphs':
      return { kind, count: difficulty === 3 ? rng.int(4, 5) : difficulty + 1 };
    case 'placeholders':
      return { kind, min: difficulty === 3 ? rng.int(3, 4) : difficulty };
    case 'highlights':
      return { kind, min: difficulty };
    case 'start_phrase':
      return { kind, phrase: rng.pick(START_PHRASES) };
    case 'end_phrase':
      return { kind, phrase: rng.pick(END_PHRASES) };
    case 'postscript':
      return { kind, marker: rng.pick(MARKERS) };
    default:
      return { kind };
  }
}

/** Texts the answer must contain, and words it may hold only a limited number of times. */
function mustContain(constraints: readonly Constraint[]): string[] {
  return constraints.flatMap((c) => {
    if (c.kind === 'include_keywords') return c.keywords as string[];
    if (c.kind === 'start_phrase' || c.kind === 'end_phrase') return [c.phrase as string];
    if (c.kind === 'postscript') return [c.marker as string];
    if (c.kind === 'keyword_frequency' && c.min !== undefined) return [c.keyword as string];
    return [];
  });
}

/**
 * No word that is forbidden or limited occurs in what the answer must contain (other than the
 * limited word's own constraint), and no word is both included and limited.
 */
export function wordsAgree(constraints: readonly Constraint[]): boolean {
  for (const c of constraints) {
    const limited = c.kind === 'forbidden_words' ? (c.words as string[]) : c.kind === 'keyword_frequency' ? [c.keyword as string] : [];
    const required = mustContain(constraints.filter((other) => other !== c));
    if (limited.some((word) => required.some((text) => countKeyword(text, word) > 0 || countKeyword(word, text) > 0))) return false;
  }
  return true;
}

const MAX_ATTEMPTS = 200;

/** The constraints of one item: `first`, then `difficulty − 1` compatible kinds, parameters drawn. */
function drawConstraints(first: Kind, t: Task, rng: Rng, difficulty: Difficulty): Constraint[] {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const kinds: Kind[] = [first];
    while (kinds.length < difficulty) kinds.push(rng.pick(CATEGORIES.filter((k) => kinds.every((chosen) => compatible(chosen, k)))));
    const constraints = kinds.map((kind) => draw(kind, t, rng, difficulty));
    if (wordsAgree(constraints)) return constraints;
  }
  throw new RicegradeError('INTERNAL', `ifeval: no agreeing constraints for "${t.prompt.slice(0, 40)}"`);
}

function generate(options: GenerateOptions): Item[] {
  checkOptions(options);
  const rng = createRng(options.seed, NAME);
  const items: Item[] = [];
  for (let i = 0; i < options.n; i++) {
    const first = CATEGORIES[i % CATEGORIES.length]!;
    const t = rng.pick(rng.pick(FORMATS).tasks);
    const constraints = drawConstraints(first, t, rng, options.difficulty);
    const input = `${t.prompt}\n\n${constraints.map(instructionText).join('\n')}`;
    items.push({ id: `${NAME}-${options.seed}-${i}`, category: first, input, constraints });
  }
  return items;
}

export const ifeval: Generator = {
  name: NAME,
  description: 'writing tasks with 1-3 verifiable instructions (IFEval style: length, keywords, case, JSON, layout, phrases)',
  scorer: { name: 'ifeval' },
  categories: CATEGORIES,
  generate,
};
