/**
 * `extraction`: structured extraction into JSON that must match a schema (issue #4).
 *
 * Each item is a short synthetic text — an e-mail with a signature (`contact`), an order confirmation
 * (`order`), an event notice (`event`), a shop listing (`product`), a delivery request (`address`) —
 * and asks for the one JSON object a JSON Schema describes. The schema is written into the prompt as
 * JSON and carried on the item (`item.schema`: every property required, typed, described where a
 * format matters, `additionalProperties: false` at every level); `expected` is the exact JSON of
 * the right answer, keys in schema order. Scored by `json` with `field_credit`: invalid JSON or a
 * schema violation scores 0, otherwise the share of the answer's fields that are right.
 *
 * Difficulty:
 * 1. few fields, written as they are wanted (ISO dates, plain amounts);
 * 2. more fields, nested arrays (order lines, tags), and formats to normalise: "March 3rd, 2027" and
 *    "3 March 2027" → "2027-03-03", "2:30 pm" → "14:30", "$1,234.50" → 1234.5, a phone the text does
 *    not give → null, a region the address has not → null;
 * 3. every field plus distractors — a second person with their own e-mail and phone, an earlier order
 *    number, an old price ("was $40.00, now $32.00", or struck out: "~~$40.00~~ $32.00"), line totals,
 *    a subtotal and shipping beside the total, a rescheduled date and an end time, an invitee who
 *    declined, a related product with its own price, a billing address beside the shipping one — and
 *    harder formats: "1.234,50 €", quantities in words, phones in E.164 form ("+44 (0)20 7946 0321"
 *    → "+442079460321"), ISO country codes, hashtags as tags.
 *
 * Every value is in the text in a form the schema's descriptions name; extraction.test.ts re-derives
 * each one independently. People, companies and products are made up; e-mail domains end in
 * `.example` (reserved), phone numbers are in the ranges set aside for fiction (US 555-01xx, UK
 * 020 7946 0xxx).
 */
import type { Item } from '../../types.js';
import { checkOptions, createRng, listText, type Rng } from '../common.js';
import type { Difficulty, Generator } from '../types.js';

const CATEGORIES = ['contact', 'order', 'event', 'product', 'address'] as const;
type Category = (typeof CATEGORIES)[number];

type Schema = Record<string, unknown>;

/** One generated item before its id: the text, the task, the schema and the answer. */
interface Extraction {
  task: string;
  text: string;
  schema: Schema;
  answer: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Schema helpers

const str = (description?: string): Schema => (description ? { type: 'string', description } : { type: 'string' });
const num = (description: string): Schema => ({ type: 'number', minimum: 0, description });

/** An object schema: every property required, nothing else allowed. */
function object(properties: Record<string, Schema>): Schema {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/** The answer with its keys in the schema's order (so `expected` reads like the schema). */
function ordered(schema: Schema, value: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties as Record<string, Schema>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(properties)) {
    const sub = properties[key]!;
    const v = value[key];
    if (sub.type === 'object') out[key] = ordered(sub, v as Record<string, unknown>);
    else if (sub.type === 'array' && (sub.items as Schema).type === 'object') {
      out[key] = (v as Record<string, unknown>[]).map((element) => ordered(sub.items as Schema, element));
    } else out[key] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shared pools (all made up)

const FIRST = [
  'Dara', 'Ivo', 'Lena', 'Omar', 'Pia', 'Kofi', 'Hana', 'Nico', 'Mira', 'Jun', 'Femi', 'Chen', 'Ada', 'Gus',
  'Renée', 'Zoë', 'Tomás', 'Ingrid', 'Yusuf', 'Priya', 'Malik', 'Saoirse', 'Elif', 'Bram',
];
const LAST = [
  'Okafor', 'Marsh', 'Lindqvist', 'Haddad', 'Novak', 'Mensah', 'Sato', 'Ferreira', 'Kowalski', 'Baptiste',
  'Duarte', "O'Neill", 'Varga', 'Castellanos', 'Holm', 'Iyer', 'Brennan', 'Achterberg', 'Quaye', 'Whitlock',
];
const COMPANIES = [
  'Brightline Foods', 'Cobalt Ridge Labs', 'Dunmore Textiles', 'Eastgate Freight', 'Fernhill Dental', 'Granite Loop Software',
  'Harrow Bay Books', 'Ironleaf Studio', 'Juniper Row Bakery', 'Kestrel Analytics', 'Lowmoor Outfitters', 'Marigold Logistics',
];
const JOB_TITLES = [
  'Procurement Lead', 'Head of Operations', 'Senior Accountant', 'Office Manager', 'Logistics Coordinator', 'Product Designer',
  'Customer Success Manager', 'Purchasing Assistant',
];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** `count` distinct full names. */
function people(rng: Rng, count: number): string[] {
  const first = rng.sample(FIRST, count);
  const last = rng.sample(LAST, count);
  return first.map((f, i) => `${f} ${last[i]!}`);
}

/** Lower-case ASCII letters of a name part: "Renée" → "renee", "O'Neill" → "oneill". */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function emailOf(rng: Rng, name: string, company: string): string {
  const [first, last] = name.split(' ') as [string, string];
  const domain = `${slug(company.split(' ')[0]!)}.example`;
  const local = rng.pick([`${slug(first)}.${slug(last)}`, `${slug(first)[0]!}.${slug(last)}`, slug(first), `${slug(first)}${slug(last)[0]!}`]);
  return `${local}@${domain}`;
}

/** A fictional phone number: its text in one of the usual forms, and its E.164 form. */
function phone(rng: Rng, withCountryCode: boolean): { text: string; e164: string } {
  if (rng.chance(0.6)) {
    const area = rng.pick(['312', '503', '617', '720', '919', '415']);
    const line = `01${String(rng.int(0, 99)).padStart(2, '0')}`;
    const forms = withCountryCode
      ? [`+1 (${area}) 555-${line}`, `+1 ${area}-555-${line}`, `+1 ${area} 555 ${line}`]
      : [`(${area}) 555-${line}`, `${area}-555-${line}`, `+1 ${area} 555 ${line}`];
    return { text: rng.pick(forms), e164: `+1${area}555${line}` };
  }
  const line = `0${String(rng.int(0, 999)).padStart(3, '0')}`;
  return { text: rng.pick([`+44 20 7946 ${line}`, `+44 (0)20 7946 ${line}`]), e164: `+44207946${line}` };
}

/** "1,234" */
function thousands(whole: number, separator: string): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

type Currency = 'USD' | 'EUR' | 'GBP';
const SYMBOL: Record<Currency, string> = { USD: '$', EUR: '€', GBP: '£' };

/**
 * An amount in cents as text: `symbol` "$1,234.50" / "€1,234.50"; `european` "1.234,50 €" (EUR only);
 * `plain` "1234.50".
 */
function money(cents: number, currency: Currency, style: 'symbol' | 'european' | 'plain' = 'symbol'): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  if (style === 'plain') return `${whole}.${fraction}`;
  if (style === 'european') return `${thousands(whole, '.')},${fraction} €`;
  return `${SYMBOL[currency]}${thousands(whole, ',')}.${fraction}`;
}

/** A price in cents, shop-like (.00, .50, .99, .95, .25); one in three above 1,000 when `big`. */
function price(rng: Rng, big: boolean): number {
  const whole = big && rng.chance(0.35) ? rng.int(1000, 2800) : rng.int(4, 480);
  return whole * 100 + rng.pick([0, 50, 99, 95, 25]);
}

// ---------------------------------------------------------------------------------------------
// contact: who wrote the e-mail

const BODIES = [
  'Thanks for sending the samples over; we would like to go ahead with the larger batch.',
  'Could you confirm the delivery window for next week?',
  'Attached is the signed agreement for the spring order.',
  'Let me know if the invoice needs anything else from our side.',
  'Following up on our call: the revised quote works for us.',
];

function contact(rng: Rng, difficulty: Difficulty): Extraction {
  const [name, other, recipient] = people(rng, 3) as [string, string, string];
  const [company, otherCompany] = rng.sample(COMPANIES, 2) as [string, string];
  const email = emailOf(rng, name, company);
  const greeting = `Hi ${recipient.split(' ')[0]!},`;
  const body = rng.pick(BODIES);
  if (difficulty === 1) {
    const schema = object({ name: str('full name of the sender'), email: str('e-mail address of the sender') });
    const text = `${greeting}\n\n${body}\n\nBest regards,\n${name}\n${email}`;
    return { task: 'Extract the contact details of the person who wrote this e-mail.', text, schema, answer: ordered(schema, { name, email }) };
  }
  const tel = rng.chance(0.75) ? phone(rng, difficulty === 3) : undefined;
  if (difficulty === 2) {
    const schema = object({
      name: str('full name of the sender'),
      email: str('e-mail address of the sender'),
      phone: { type: ['string', 'null'], description: 'phone number of the sender as written, or null if none is given' },
      company: str('company of the sender'),
    });
    const contactLine = tel ? `Tel. ${tel.text} | ${email}` : email;
    const text = `${greeting}\n\n${body}\n\nKind regards,\n${name}\n${company}\n${contactLine}`;
    return {
      task: 'Extract the contact details of the person who wrote this e-mail.',
      text,
      schema,
      answer: ordered(schema, { name, email, phone: tel ? tel.text : null, company }),
    };
  }
  // Level 3: a colleague copied in, with their own address and (often) phone; the sender's title.
  const otherEmail = emailOf(rng, other, rng.chance(0.5) ? company : otherCompany);
  const otherPhone = phone(rng, true);
  const jobTitle = rng.pick(JOB_TITLES);
  const schema = object({
    name: str('full name of the sender'),
    job_title: str('job title of the sender'),
    company: str('company of the sender'),
    email: str('e-mail address of the sender'),
    phone: { type: ['string', 'null'], description: 'phone number of the sender in E.164 form (+ and digits only), or null if none is given' },
  });
  const cc = rng.pick([
    `I have copied ${other} (${otherEmail}), who handles our invoices; ${other.split(' ')[0]!} can also be reached on ${otherPhone.text}.`,
    `For anything urgent while I am away, ${other} (${otherEmail}, ${otherPhone.text}) can help.`,
    `My colleague ${other} is copied in; please send the paperwork to ${otherEmail}.`,
  ]);
  const contactLine = tel ? `${email} · ${tel.text}` : email;
  const text = `${greeting}\n\n${body} ${cc}\n\nBest,\n${name}\n${jobTitle}, ${company}\n${contactLine}`;
  return {
    task: 'Extract the contact details of the person who wrote this e-mail (not of anyone else it mentions).',
    text,
    schema,
    answer: ordered(schema, { name, job_title: jobTitle, company, email, phone: tel ? tel.e164 : null }),
  };
}

// ---------------------------------------------------------------------------------------------
// order: an order confirmation

const ITEMS = [
  'Walnut desk organiser', 'Linen napkin set', 'Ceramic pour-over kettle', 'USB-C travel dock', 'Standing desk frame',
  'Noise-cancelling headset', 'Oak bookshelf', 'Burr coffee grinder', 'Merino base layer', 'Cast-iron skillet',
  'LED floor lamp', 'Bamboo cutting board', 'Wireless keyboard', 'Rain shell jacket', 'Stoneware dinner plates',
];

function orderId(rng: Rng): string {
  return `${rng.pick(['A', 'SO', 'WEB', 'B'])}-${rng.int(10000, 99999)}`;
}

function order(rng: Rng, difficulty: Difficulty): Extraction {
  const id = orderId(rng);
  const currency = rng.pick(['USD', 'EUR', 'GBP'] as const);
  const currencySchema: Schema = { type: 'string', enum: ['USD', 'EUR', 'GBP'], description: 'ISO 4217 currency code' };
  const idSchema = str('order number, without a leading #');
  if (difficulty === 1) {
    const total = price(rng, false);
    const card = String(rng.int(1000, 9999));
    const schema = object({ order_id: idSchema, total: num('total amount charged'), currency: currencySchema });
    const text = rng.pick([
      `Thank you for shopping with us! Order #${id} is confirmed. We charged ${money(total, currency, 'plain')} ${currency} to the card ending in ${card}.`,
      `Your order ${id} has shipped. Amount charged: ${money(total, currency, 'plain')} ${currency} (card ending ${card}).`,
    ]);
    return { task: 'Extract the order details from this message.', text, schema, answer: ordered(schema, { order_id: id, total: total / 100, currency }) };
  }
  const itemSchema = object({
    name: str('item name as written'),
    quantity: { type: 'integer', minimum: 1, description: 'number of units' },
    unit_price: num('price of one unit'),
  });
  const schema = object({
    order_id: idSchema,
    currency: currencySchema,
    items: { type: 'array', minItems: 1, description: 'the line items', items: itemSchema },
    total: num('total amount charged, including shipping'),
  });
  const names = rng.sample(ITEMS, rng.int(2, difficulty === 2 ? 3 : 4));
  const lines = names.map((name) => ({ name, quantity: rng.int(1, difficulty === 2 ? 5 : 12), cents: price(rng, true) }));
  const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.cents, 0);
  const answer = (total: number) =>
    ordered(schema, {
      order_id: id,
      currency,
      items: lines.map((line) => ({ name: line.name, quantity: line.quantity, unit_price: line.cents / 100 })),
      total: total / 100,
    });
  if (difficulty === 2) {
    const m = (cents: number) => money(cents, currency);
    const text = [
      `Order confirmation #${id}`,
      `All prices in ${currency}.`,
      '',
      ...lines.map((line) => `${line.quantity} × ${line.name} — ${m(line.cents)} each`),
      '',
      `Total: ${m(subtotal)}`,
    ].join('\n');
    return { task: 'Extract the order details from this confirmation.', text, schema, answer: answer(subtotal) };
  }
  // Level 3: European amounts for EUR, quantities in words, an old price, line totals, subtotal and shipping.
  const style = currency === 'EUR' && rng.chance(0.6) ? 'european' : 'symbol';
  const m = (cents: number) => money(cents, currency, style);
  const shipping = rng.chance(0.3) ? 0 : rng.int(3, 25) * 100 + rng.pick([0, 50, 99]);
  const discounted = rng.int(0, lines.length - 1);
  const earlier = orderId(rng);
  const text = [
    `Hi ${people(rng, 1)[0]!.split(' ')[0]!}, here is the receipt for order ${id}. (Your earlier order ${earlier} was shipped separately.)`,
    `Prices are in ${currency}.`,
    ...lines.map((line, i) => {
      const quantity = rng.chance(0.5) ? NUMBER_WORDS[line.quantity]! : String(line.quantity);
      const lineTotal = m(line.quantity * line.cents);
      if (i === discounted) {
        const old = line.cents + rng.int(2, 40) * 100;
        return `- ${line.name}: was ${m(old)}, now ${m(line.cents)} each; quantity ${quantity} (${lineTotal})`;
      }
      return `- ${line.name}: ${quantity} at ${m(line.cents)} each (${lineTotal})`;
    }),
    `Subtotal: ${m(subtotal)}`,
    `Shipping: ${shipping === 0 ? 'free' : m(shipping)}`,
    `Total charged: ${m(subtotal + shipping)}`,
  ].join('\n');
  return { task: 'Extract the details of this order (not of any other order it mentions).', text, schema, answer: answer(subtotal + shipping) };
}

// ---------------------------------------------------------------------------------------------
// event: an event notice

const TITLES = [
  'Quarterly budget review', 'Product roadmap workshop', 'Volunteer orientation', 'Design critique', 'Spring planning offsite',
  'Vendor security review', 'Annual general meeting', 'New-hire onboarding session', 'Community garden work day', 'Board strategy session',
];
const LOCATIONS = [
  'Room 4B, Harbour House', 'Main library, second floor', 'Riverside Community Hall', 'Conference room Juniper', 'The Old Mill, Studio 2',
  'Building C, Lecture Theatre 1', 'Greenway Pavilion',
];

const DAY_MS = 86_400_000;

/** A calendar date from a day number: parts and the ISO form. */
function calendar(day: number): { year: number; month: number; date: number; weekday: number; iso: string } {
  const d = new Date(day * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
  return { year, month, date, weekday: d.getUTCDay(), iso };
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

type DateForm = 'iso' | 'mdy' | 'mdy-ordinal' | 'dmy' | 'weekday-mdy-ordinal';

function dateText(day: number, form: DateForm): string {
  const c = calendar(day);
  const month = MONTHS[c.month - 1]!;
  switch (form) {
    case 'iso':
      return c.iso;
    case 'mdy':
      return `${month} ${c.date}, ${c.year}`;
    case 'mdy-ordinal':
      return `${month} ${c.date}${ordinalSuffix(c.date)}, ${c.year}`;
    case 'dmy':
      return `${c.date} ${month} ${c.year}`;
    case 'weekday-mdy-ordinal':
      return `${WEEKDAYS[c.weekday]!}, ${month} ${c.date}${ordinalSuffix(c.date)}, ${c.year}`;
  }
}

/** Minutes after midnight as text: "14:30", or "2:30 pm", "2 pm", "noon". */
function timeText(minutes: number, twelveHour: boolean): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!twelveHour) return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  if (minutes === 12 * 60) return 'noon';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`} ${h < 12 ? 'am' : 'pm'}`;
}

function hhmm(minutes: number): string {
  return timeText(minutes, false);
}

function event(rng: Rng, difficulty: Difficulty): Extraction {
  const title = rng.pick(TITLES);
  const day = rng.int(Date.UTC(2026, 0, 1) / DAY_MS, Date.UTC(2029, 11, 31) / DAY_MS);
  const dateSchema = str('the date of the event, ISO 8601 (YYYY-MM-DD)');
  const titleSchema = str('the event title as in the subject line');
  if (difficulty === 1) {
    const schema = object({ title: titleSchema, date: dateSchema });
    const when = dateText(day, rng.pick(['iso', 'mdy'] as const));
    const text = `Subject: ${title}\n\nHi all, a reminder that the ${title.toLowerCase()} takes place on ${when}. See you there!`;
    return { task: 'Extract the event details from this message.', text, schema, answer: ordered(schema, { title, date: calendar(day).iso }) };
  }
  const start = rng.int(8 * 4, 18 * 4) * 15;
  const location = rng.pick(LOCATIONS);
  const properties: Record<string, Schema> = {
    title: titleSchema,
    date: dateSchema,
    start_time: str('start time, 24-hour HH:MM'),
    location: str('where the event takes place, as written'),
  };
  if (difficulty === 2) {
    const schema = object(properties);
    const when = dateText(day, rng.pick(['mdy-ordinal', 'dmy', 'mdy'] as const));
    const at = timeText(start, rng.chance(0.7));
    const text = `Subject: ${title}\n\nHi team,\n\nThe ${title.toLowerCase()} is on ${when}, starting at ${at}, in ${location}. Please bring your laptop.`;
    return {
      task: 'Extract the event details from this message.',
      text,
      schema,
      answer: ordered(schema, { title, date: calendar(day).iso, start_time: hhmm(start), location }),
    };
  }
  // Level 3: moved from an earlier date, an end time, an invitee who declined.
  const schema = object({
    ...properties,
    title: str('the event title as in the subject line, without "(rescheduled)"'),
    attendees: { type: 'array', items: str(), description: 'full names of the people who will attend' },
  });
  const planned = day - rng.int(1, 14);
  const end = start + rng.pick([45, 60, 90, 120]);
  const invited = people(rng, rng.int(3, 5));
  const declined = rng.pick(invited);
  const attendees = invited.filter((name) => name !== declined);
  const twelve = rng.chance(0.7);
  const forms = ['weekday-mdy-ordinal', 'dmy', 'mdy-ordinal'] as const;
  const text = [
    `Subject: ${title} (rescheduled)`,
    '',
    `Hello everyone, the ${title.toLowerCase()}, originally planned for ${dateText(planned, rng.pick(forms))}, ` +
      `will now take place on ${dateText(day, rng.pick(forms))}, from ${timeText(start, twelve)} to ${timeText(end, twelve)}, in ${location}.`,
    `Invited: ${listText(invited)}. ${declined} has declined.`,
  ].join('\n');
  return {
    task: 'Extract the event details from this message (the new date; only the people who will attend).',
    text,
    schema,
    answer: ordered(schema, { title, date: calendar(day).iso, start_time: hhmm(start), location, attendees }),
  };
}

// ---------------------------------------------------------------------------------------------
// product: a shop listing

const PRODUCTS = [
  'Alder desk lamp', 'Birch bread board', 'Cinder trail backpack', 'Drift wool throw', 'Ember cast-iron pan', 'Fjord rain jacket',
  'Grove ceramic planter', 'Heron travel mug', 'Isle linen shirt', 'Jasper wireless speaker', 'Kite kids scooter', 'Loom cotton rug',
];
const TAGS = ['desk', 'lighting', 'kitchen', 'wood', 'outdoor', 'travel', 'wool', 'gift', 'handmade', 'eco', 'office', 'audio', 'home', 'sale'];
const IN_STOCK = ['In stock', 'In stock, ships today', 'Back in stock'];
const OUT_OF_STOCK = ['Out of stock', 'Sold out', 'Currently unavailable'];

function availability(rng: Rng, difficulty: Difficulty): { text: string; inStock: boolean } {
  const inStock = rng.chance(0.5);
  if (difficulty === 3) {
    if (inStock && rng.chance(0.5)) return { text: `Only ${rng.int(2, 5)} left in stock`, inStock };
    if (!inStock && rng.chance(0.5)) return { text: `Sold out, restocking in ${rng.pick(MONTHS)}`, inStock };
  }
  return { text: rng.pick(inStock ? IN_STOCK : OUT_OF_STOCK), inStock };
}

function product(rng: Rng, difficulty: Difficulty): Extraction {
  const [name, related] = rng.sample(PRODUCTS, 2) as [string, string];
  const currency = rng.pick(['USD', 'GBP', 'EUR'] as const);
  const cents = price(rng, difficulty > 1);
  const stock = availability(rng, difficulty);
  const base = { name: str('product name'), price: num('current price, as a number'), in_stock: { type: 'boolean', description: 'whether it can be ordered now' } };
  if (difficulty === 1) {
    const schema = object(base);
    const text = `${name} — ${money(cents, currency)}. ${stock.text}.`;
    return { task: 'Extract the product details from this listing.', text, schema, answer: ordered(schema, { name, price: cents / 100, in_stock: stock.inStock }) };
  }
  const tags = rng.sample(TAGS, rng.int(2, 4));
  if (difficulty === 2) {
    const schema = object({ ...base, tags: { type: 'array', items: str(), description: 'the listed tags' } });
    const text = [name, `Price: ${money(cents, currency)}`, `Availability: ${stock.text}`, `Tags: ${tags.join(', ')}`].join('\n');
    const answer = ordered(schema, { name, price: cents / 100, in_stock: stock.inStock, tags });
    return { task: 'Extract the product details from this listing.', text, schema, answer };
  }
  // Level 3: an old price, a SKU, hashtags, a related product with its own price.
  const schema = object({
    sku: str('stock-keeping unit code'),
    ...base,
    tags: { type: 'array', items: str(), description: 'the hashtags, without #' },
  });
  const sku = `${slug(name).slice(0, 3).toUpperCase()}-${rng.int(1000, 9999)}`;
  const style = currency === 'EUR' && rng.chance(0.5) ? 'european' : 'symbol';
  const m = (value: number) => money(value, currency, style);
  const old = cents + rng.int(2, 60) * 100;
  const priceLine = rng.chance(0.5) ? `Was ${m(old)}, now ${m(cents)}` : `Price: ~~${m(old)}~~ ${m(cents)}`;
  const relatedCents = price(rng, true);
  const text = [
    `${name} (SKU ${sku})`,
    priceLine,
    `${stock.text}.`,
    `Often bought with the ${related} (${m(relatedCents)}).`,
    tags.map((tag) => `#${tag}`).join(' '),
  ].join('\n');
  return {
    task: 'Extract the details of the product this listing is for.',
    text,
    schema,
    answer: ordered(schema, { sku, name, price: cents / 100, in_stock: stock.inStock, tags }),
  };
}

// ---------------------------------------------------------------------------------------------
// address: a delivery address

interface Country {
  name: string;
  code: string;
  cities: readonly { city: string; region: string | null; postal: (rng: Rng) => string }[];
  street: (rng: Rng) => string;
  /** The lines after the street: e.g. "Portland, OR 97214". */
  cityLine: (city: string, region: string | null, postal: string) => string;
}

const digits = (rng: Rng, prefix: string, count: number) => prefix + String(rng.int(0, 10 ** count - 1)).padStart(count, '0');
const LETTERS = 'ABCEGHJKLMNPRSTVXY';
const letter = (rng: Rng) => LETTERS[rng.int(0, LETTERS.length - 1)]!;

const STREET_NAMES = ['Linden', 'Harbor', 'Maple', 'Juniper', 'Willow', 'Ashgrove', 'Foundry', 'Beacon'];

const COUNTRIES: readonly Country[] = [
  {
    name: 'United States',
    code: 'US',
    cities: [
      { city: 'Portland', region: 'OR', postal: (rng) => digits(rng, '972', 2) },
      { city: 'Denver', region: 'CO', postal: (rng) => digits(rng, '802', 2) },
      { city: 'Madison', region: 'WI', postal: (rng) => digits(rng, '537', 2) },
      { city: 'Raleigh', region: 'NC', postal: (rng) => digits(rng, '276', 2) },
    ],
    street: (rng) => `${rng.int(10, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(['Avenue', 'Street', 'Road', 'Court'])}`,
    cityLine: (city, region, postal) => `${city}, ${region!} ${postal}`,
  },
  {
    name: 'Canada',
    code: 'CA',
    cities: [
      { city: 'Halifax', region: 'NS', postal: (rng) => `B3${letter(rng)} ${rng.int(0, 9)}${letter(rng)}${rng.int(0, 9)}` },
      { city: 'Victoria', region: 'BC', postal: (rng) => `V8${letter(rng)} ${rng.int(0, 9)}${letter(rng)}${rng.int(0, 9)}` },
      { city: 'Guelph', region: 'ON', postal: (rng) => `N1${letter(rng)} ${rng.int(0, 9)}${letter(rng)}${rng.int(0, 9)}` },
    ],
    street: (rng) => `${rng.int(10, 2999)} ${rng.pick(STREET_NAMES)} ${rng.pick(['Street', 'Drive', 'Crescent'])}`,
    cityLine: (city, region, postal) => `${city}, ${region!} ${postal}`,
  },
  {
    name: 'United Kingdom',
    code: 'GB',
    cities: [
      { city: 'Leeds', region: null, postal: (rng) => `LS${rng.int(1, 9)} ${rng.int(1, 9)}${letter(rng)}${letter(rng)}` },
      { city: 'Bristol', region: null, postal: (rng) => `BS${rng.int(1, 9)} ${rng.int(1, 9)}${letter(rng)}${letter(rng)}` },
      { city: 'York', region: null, postal: (rng) => `YO${rng.int(1, 9)} ${rng.int(1, 9)}${letter(rng)}${letter(rng)}` },
    ],
    street: (rng) => `${rng.int(1, 240)} ${rng.pick(STREET_NAMES)} ${rng.pick(['Row', 'Lane', 'Terrace', 'Gardens'])}`,
    cityLine: (city, _region, postal) => `${city}\n${postal}`,
  },
  {
    name: 'Germany',
    code: 'DE',
    cities: [
      { city: 'Leipzig', region: null, postal: (rng) => digits(rng, '04', 3) },
      { city: 'Bremen', region: null, postal: (rng) => digits(rng, '28', 3) },
      { city: 'Freiburg im Breisgau', region: null, postal: (rng) => digits(rng, '79', 3) },
    ],
    street: (rng) => `${rng.pick(['Linden', 'Birken', 'Mühlen', 'Garten', 'Schiller'])}${rng.pick(['straße', 'weg', 'allee'])} ${rng.int(1, 180)}`,
    cityLine: (city, _region, postal) => `${postal} ${city}`,
  },
  {
    name: 'France',
    code: 'FR',
    cities: [
      { city: 'Lyon', region: null, postal: (rng) => `6900${rng.int(1, 9)}` },
      { city: 'Nantes', region: null, postal: (rng) => `440${rng.int(0, 3)}0` },
      { city: 'Lille', region: null, postal: (rng) => `590${rng.int(0, 4)}0` },
    ],
    street: (rng) => `${rng.int(1, 160)} ${rng.pick(['rue des Tilleuls', 'avenue des Platanes', 'rue du Moulin', 'boulevard des Lilas', 'place du Marché'])}`,
    cityLine: (city, _region, postal) => `${postal} ${city}`,
  },
];

interface Address {
  recipient: string;
  street: string;
  city: string;
  region: string | null;
  postalCode: string;
  country: Country;
}

function address(rng: Rng, recipient: string): Address {
  const country = rng.pick(COUNTRIES);
  const place = rng.pick(country.cities);
  return { recipient, street: country.street(rng), city: place.city, region: place.region, postalCode: place.postal(rng), country };
}

function addressBlock(a: Address): string {
  return [a.recipient, a.street, a.country.cityLine(a.city, a.region, a.postalCode), a.country.name].join('\n');
}

function delivery(rng: Rng, difficulty: Difficulty): Extraction {
  const [name, other] = people(rng, 2) as [string, string];
  const ship = address(rng, name);
  const base = {
    street: str('street and house number, as written'),
    city: str(),
    postal_code: str('postal code, as written'),
  };
  if (difficulty === 1) {
    const schema = object({ ...base, country: str('country name, as written') });
    const cityPart = ship.region
      ? `${ship.city}, ${ship.region} ${ship.postalCode}`
      : ship.country.code === 'GB'
        ? `${ship.city} ${ship.postalCode}`
        : `${ship.postalCode} ${ship.city}`;
    const text = `Hello, please deliver my order to ${ship.street}, ${cityPart}, ${ship.country.name}. Thank you! ${name}`;
    return {
      task: 'Extract the delivery address from this message.',
      text,
      schema,
      answer: ordered(schema, { street: ship.street, city: ship.city, postal_code: ship.postalCode, country: ship.country.name }),
    };
  }
  const regionSchema = { type: ['string', 'null'], description: 'state or province code as written, or null if the address has none' };
  const answerOf = (country: string) => ({
    recipient: ship.recipient,
    street: ship.street,
    city: ship.city,
    region: ship.region,
    postal_code: ship.postalCode,
    country,
  });
  if (difficulty === 2) {
    const schema = object({ recipient: str('name of the person to deliver to'), ...base, region: regionSchema, country: str('country name, as written') });
    const text = `Hello, the parcel never arrived. Please send the replacement to:\n\n${addressBlock(ship)}\n\nThanks, ${name.split(' ')[0]!}`;
    return { task: 'Extract the delivery address from this message.', text, schema, answer: ordered(schema, answerOf(ship.country.name)) };
  }
  // Level 3: a billing address beside the shipping one (a gift: another recipient); country as a code.
  let bill = address(rng, other);
  while (bill.street === ship.street) bill = address(rng, other);
  const schema = object({
    recipient: str('name of the person to ship to'),
    ...base,
    region: regionSchema,
    country: { type: 'string', minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2 country code' },
  });
  const blocks = [`Ship to:\n${addressBlock(ship)}`, `Bill to:\n${addressBlock(bill)}`];
  const text = `This order is a gift, so the shipping and billing addresses differ.\n\n${(rng.chance(0.5) ? blocks : blocks.reverse()).join('\n\n')}`;
  return {
    task: 'Extract the shipping address (not the billing address) from this order note.',
    text,
    schema,
    answer: ordered(schema, answerOf(ship.country.code)),
  };
}

// ---------------------------------------------------------------------------------------------
// The generator

const DRAFTS: Record<Category, (rng: Rng, difficulty: Difficulty) => Extraction> = {
  contact,
  order,
  event,
  product,
  address: delivery,
};

/** The prompt: the task, the text between triple quotes, and the schema as one line of JSON. */
export function extractionPrompt(task: string, text: string, schema: Schema): string {
  return `${task}\n\nText:\n"""\n${text}\n"""\n\nAnswer with only a JSON object that matches this JSON Schema:\n${JSON.stringify(schema)}`;
}

export const extraction: Generator = {
  name: 'extraction',
  description: 'structured extraction: contact, order, event, product and address details from short texts into JSON matching a schema',
  scorer: { name: 'json', field_credit: true },
  categories: CATEGORIES,
  generate: (options) => {
    checkOptions(options);
    const rng = createRng(options.seed, 'extraction');
    const items: Item[] = [];
    for (let i = 0; i < options.n; i++) {
      const category = CATEGORIES[i % CATEGORIES.length]!;
      const { task, text, schema, answer } = DRAFTS[category](rng, options.difficulty);
      items.push({
        id: `extraction-${options.seed}-${i}`,
        category,
        input: extractionPrompt(task, text, schema),
        expected: JSON.stringify(answer),
        schema,
      });
    }
    return items;
  },
};
