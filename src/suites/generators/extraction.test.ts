import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseItem } from '../../datasets/parse-item.js';
import { createScorer } from '../../scorers/index.js';
import { compileSchema, validateSchema } from '../../scorers/json.js';
import type { Item } from '../../types.js';
import { extraction } from './extraction.js';
import { checkContract, inputText, sampleItems } from './generator.conformance.js';

/** A plausible wrong answer the scorer must give 0: money left as text, or a key the schema forbids. */
function wrong(item: Item): string {
  const value = JSON.parse(String(item.expected)) as Record<string, unknown>;
  const numberKey = Object.keys(value).find((key) => typeof value[key] === 'number');
  if (numberKey !== undefined) value[numberKey] = `$${(value[numberKey] as number).toFixed(2)}`;
  else value.notes = 'extracted from the e-mail';
  return JSON.stringify(value);
}

checkContract(extraction, wrong);

// ---------------------------------------------------------------------------------------------
// Reading an item back, independently of the generator

const PROMPT = /^(.+)\n\nText:\n"""\n([\s\S]+)\n"""\n\nAnswer with only a JSON object that matches this JSON Schema:\n(\{.*\})$/;

interface Parts {
  task: string;
  text: string;
  schema: Record<string, unknown>;
  expected: Record<string, unknown>;
  difficulty: number;
}

function parts(item: Item): Parts {
  const m = PROMPT.exec(inputText(item));
  assert.ok(m, `${item.id}: prompt shape`);
  assert.equal(typeof item.expected, 'string', `${item.id}: expected is a JSON string`);
  return {
    task: m[1]!,
    text: m[2]!,
    schema: JSON.parse(m[3]!) as Record<string, unknown>,
    expected: JSON.parse(item.expected as string) as Record<string, unknown>,
    difficulty: 0,
  };
}

/** Items with their difficulty, several seeds. */
function sample(n = 40): (Item & { difficulty: number })[] {
  return [0, 1, 7, 42, 2024, 0xffffffff].flatMap((seed) =>
    ([1, 2, 3] as const).flatMap((difficulty) => extraction.generate({ seed, n, difficulty }).map((item) => ({ ...item, difficulty }))),
  );
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const COUNTRY_CODES: Record<string, string> = { 'United States': 'US', Canada: 'CA', 'United Kingdom': 'GB', Germany: 'DE', France: 'FR' };
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

/** A checked calendar date as YYYY-MM-DD; fails on impossible dates, wrong ordinals and wrong weekdays. */
function isoDate(year: number, monthName: string, day: number, suffix?: string, weekday?: string): string {
  const month = MONTHS.indexOf(monthName);
  assert.ok(month >= 0, monthName);
  const date = new Date(Date.UTC(year, month, day));
  assert.equal(date.getUTCDate(), day, `${monthName} ${day}, ${year} exists`);
  if (suffix !== undefined) {
    const want = day % 100 >= 11 && day % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
    assert.equal(suffix, want, `ordinal of ${day}`);
  }
  if (weekday !== undefined) assert.equal(WEEKDAYS[date.getUTCDay()], weekday, `${monthName} ${day}, ${year} is a ${weekday}`);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTH = MONTHS.join('|');
const DATE_FORMS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => isoDate(Number(m[1]), MONTHS[Number(m[2]) - 1]!, Number(m[3]))],
  [
    new RegExp(`(?:(${WEEKDAYS.join('|')}), )?\\b(${MONTH}) (\\d{1,2})(st|nd|rd|th)?, (\\d{4})`, 'g'),
    (m) => isoDate(Number(m[5]), m[2]!, Number(m[3]), m[4], m[1]),
  ],
  [new RegExp(`\\b(\\d{1,2}) (${MONTH}) (\\d{4})\\b`, 'g'), (m) => isoDate(Number(m[3]), m[2]!, Number(m[1]))],
];

/** Every date written in the text, with where it starts, as YYYY-MM-DD. */
function datesIn(text: string): { iso: string; index: number }[] {
  const found: { iso: string; index: number }[] = [];
  for (const [pattern, read] of DATE_FORMS) {
    for (const m of text.matchAll(pattern)) found.push({ iso: read(m as RegExpExecArray), index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A clock time at the start of `text` ("14:30", "2:30 pm", "2 pm", "noon") as 24-hour HH:MM. */
function timeAt(text: string): string {
  const m = /^(?:noon|(\d{1,2})(?::(\d{2}))?(?: (am|pm))?)/.exec(text);
  assert.ok(m && m[0] !== '', `a time at ${JSON.stringify(text.slice(0, 12))}`);
  if (m[0] === 'noon') return '12:00';
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (m[3] === undefined) assert.ok(m[2] !== undefined, '24-hour times have minutes');
  if (m[3] === 'pm' && hour !== 12) hour += 12;
  if (m[3] === 'am' && hour === 12) hour = 0;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Every amount of money in the text, in cents, with its currency where the text shows it. */
function amountsIn(text: string): { cents: number; currency: string; index: number }[] {
  const found: { cents: number; currency: string; index: number }[] = [];
  for (const m of text.matchAll(/([$£€])(\d{1,3}(?:,\d{3})*)\.(\d{2})\b/g)) {
    found.push({ cents: Number(m[2]!.replaceAll(',', '')) * 100 + Number(m[3]), currency: SYMBOLS[m[1]!]!, index: m.index });
  }
  for (const m of text.matchAll(/\b(\d{1,3}(?:\.\d{3})*),(\d{2}) €/g)) {
    found.push({ cents: Number(m[1]!.replaceAll('.', '')) * 100 + Number(m[2]), currency: 'EUR', index: m.index });
  }
  for (const m of text.matchAll(/\b(\d+)\.(\d{2}) (USD|EUR|GBP)\b/g)) {
    found.push({ cents: Number(m[1]) * 100 + Number(m[2]), currency: m[3]!, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

const cents = (amount: unknown) => Math.round((amount as number) * 100);
const PHONE = /\+?\(?\d[\d ()-]{6,}\d/g;

/** The leaves of a value with their paths. */
function leaves(value: unknown, path = '$'): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [[path, value]];
}

// ---------------------------------------------------------------------------------------------
// Structure

test('extraction: the schema in the prompt is the item schema, strict at every level, and the expected answer matches it', () => {
  for (const item of sampleItems(extraction, 20)) {
    const p = parts(item);
    assert.deepEqual(p.schema, item.schema, `${item.id}: prompt schema = item schema`);
    const walk = (node: Record<string, unknown>, at: string): void => {
      if (node.type === 'object') {
        const properties = node.properties as Record<string, Record<string, unknown>>;
        assert.equal(node.additionalProperties, false, `${item.id} ${at}: additionalProperties false`);
        assert.deepEqual(node.required, Object.keys(properties), `${item.id} ${at}: every property required`);
        for (const [key, sub] of Object.entries(properties)) {
          assert.ok(sub.type !== undefined, `${item.id} ${at}.${key}: typed`);
          walk(sub, `${at}.${key}`);
        }
      }
      if (node.type === 'array') walk(node.items as Record<string, unknown>, `${at}[]`);
    };
    walk(item.schema!, '$');
    assert.equal(validateSchema(compileSchema(item.schema), p.expected), undefined, `${item.id}: expected matches its schema`);
    // The exact JSON: compact, keys in schema order.
    assert.equal(item.expected, JSON.stringify(p.expected));
    assert.deepEqual(Object.keys(p.expected), Object.keys(item.schema!.properties as object), `${item.id}: key order`);
  }
});

test('extraction: items written as JSONL (suites show) read back as the same dataset items', () => {
  for (const item of sampleItems(extraction, 10)) {
    const draft = parseItem(JSON.parse(JSON.stringify(item)));
    assert.notEqual(typeof draft, 'string', `${item.id}: ${String(draft)}`);
    assert.deepEqual(draft, item);
  }
});

test('extraction: difficulty adds fields, nested arrays and distractors', () => {
  const fieldCount = (difficulty: 1 | 2 | 3) =>
    extraction.generate({ seed: 4, n: 50, difficulty }).reduce((sum, item) => sum + leaves(JSON.parse(item.expected as string)).length, 0);
  assert.ok(fieldCount(1) < fieldCount(2) && fieldCount(2) < fieldCount(3), `${fieldCount(1)} < ${fieldCount(2)} < ${fieldCount(3)}`);
  const distractors: Record<string, RegExp[]> = {
    contact: [/@[\s\S]*@/], // a second e-mail address
    order: [/earlier order/, /was [$£€\d]/, /Subtotal:/],
    event: [/originally planned for/, /has declined/, / to (\d|noon)/],
    product: [/Was |~~/, /Often bought with/],
    address: [/Bill to:/],
  };
  for (const item of extraction.generate({ seed: 4, n: 50, difficulty: 3 })) {
    for (const pattern of distractors[item.category!]!) assert.match(parts(item).text, pattern, item.id);
  }
  for (const item of extraction.generate({ seed: 4, n: 50, difficulty: 1 })) {
    assert.doesNotMatch(parts(item).text, /Bill to:|originally planned|earlier order|Was |~~/, item.id);
  }
  // Nested arrays from level 2 on: order lines are objects in an array.
  const order2 = extraction.generate({ seed: 4, n: 5, difficulty: 2 }).find((item) => item.category === 'order')!;
  assert.ok(Array.isArray(parts(order2).expected.items));
});

// ---------------------------------------------------------------------------------------------
// Every expected value is in the text, re-derived without the generator's code

test('extraction: every expected string is in the text as written, or in a documented normalised form', () => {
  for (const item of sample(25)) {
    const { text, expected } = parts(item);
    for (const [path, value] of leaves(expected)) {
      if (typeof value !== 'string') continue;
      const key = path.replace(/\[\d+\]/g, '').split('.').pop()!;
      if (key === 'date') assert.ok(datesIn(text).some((d) => d.iso === value), `${item.id} ${path}: ${value} is a date in the text`);
      else if (key === 'start_time') assert.ok(/^\d{2}:\d{2}$/.test(value), `${item.id}: HH:MM`);
      else if (key === 'phone' && item.difficulty === 3) assert.match(value, /^\+\d{10,15}$/, `${item.id}: E.164`);
      else if (key === 'country' && item.difficulty === 3) {
        assert.ok(Object.entries(COUNTRY_CODES).some(([name, code]) => code === value && text.includes(name)), `${item.id}: ${value} names a country in the text`);
      } else if (key === 'tags' && item.difficulty === 3) assert.ok(text.includes(`#${value}`), `${item.id}: #${value}`);
      else assert.ok(text.includes(value), `${item.id} ${path}: ${JSON.stringify(value)} appears in the text`);
    }
  }
});

test('extraction: contact — the sender, from the signature; E.164 phones; null when the signature has none', () => {
  for (const item of sample(25).filter((i) => i.category === 'contact')) {
    const { text, expected } = parts(item);
    const signature = text.slice(text.lastIndexOf('\n\n') + 2);
    const body = text.slice(0, text.lastIndexOf('\n\n'));
    const lines = signature.split('\n');
    assert.match(lines[0]!, /^(Best regards|Kind regards|Best),$/, item.id);
    assert.equal(lines[1], expected.name, `${item.id}: the name under the sign-off`);
    const emails = [...text.matchAll(/[\w.]+@[\w.]+\.example/g)].map((m) => m[0]);
    const signatureEmails = [...signature.matchAll(/[\w.]+@[\w.]+\.example/g)].map((m) => m[0]);
    assert.deepEqual(signatureEmails, [expected.email], `${item.id}: the signature's one e-mail`);
    if (item.difficulty === 3) assert.ok(emails.some((e) => e !== expected.email), `${item.id}: another e-mail as distractor`);
    if (item.difficulty >= 2) assert.ok(signature.includes(expected.company as string), item.id);
    if (item.difficulty === 3) assert.equal(lines[2], `${expected.job_title as string}, ${expected.company as string}`);
    const phones = [...signature.matchAll(PHONE)].map((m) => m[0]);
    if (item.difficulty === 1) continue;
    if (expected.phone === null) {
      assert.deepEqual(phones, [], `${item.id}: no phone in the signature`);
    } else if (item.difficulty === 2) {
      assert.deepEqual(phones, [expected.phone], `${item.id}: the phone as written`);
    } else {
      assert.equal(phones.length, 1, item.id);
      // E.164: + then the digits, without the UK trunk prefix "(0)".
      assert.equal(`+${phones[0]!.replace('(0)', '').replace(/\D/g, '')}`, expected.phone, `${item.id}: ${phones[0]}`);
      assert.ok(!body.includes(phones[0]!), `${item.id}: the sender's phone is not the distractor's`);
    }
  }
});

test('extraction: order — id, currency, lines (quantity, unit price, line total) and total add up', () => {
  for (const item of sample(25).filter((i) => i.category === 'order')) {
    const { text, expected } = parts(item);
    assert.ok(text.includes(expected.order_id as string), item.id);
    const currency = expected.currency as string;
    const amounts = amountsIn(text);
    assert.ok(amounts.length > 0 && amounts.every((a) => a.currency === currency), `${item.id}: every amount is in ${currency}`);
    assert.match(text, new RegExp(`\\b${currency}\\b`), `${item.id}: the code is written`);
    const earlier = /earlier order ([A-Z]+-\d+)/.exec(text);
    if (earlier) assert.notEqual(earlier[1], expected.order_id, `${item.id}: not the earlier order`);
    const totalLine = text.split('\n').find((line) => /^(Total|Total charged):|charged:?/.test(line) || /charged \d/.test(line))!;
    assert.ok(totalLine, `${item.id}: a total line`);
    const totalAmounts = amountsIn(totalLine);
    assert.equal(cents(expected.total), totalAmounts[totalAmounts.length - 1]!.cents, `${item.id}: total as stated`);
    if (item.difficulty === 1) continue;
    const items = expected.items as { name: string; quantity: number; unit_price: number }[];
    const lineTexts = text.split('\n').filter((line) => / each\b/.test(line));
    assert.equal(lineTexts.length, items.length, `${item.id}: one expected line per listed line`);
    let sum = 0;
    for (const line of items) {
      const row = lineTexts.find((l) => l.includes(line.name));
      assert.ok(row, `${item.id}: a line for ${line.name}`);
      const q = line.quantity;
      const written = /^(\d+) × |: (\w+) at |; quantity (\w+) \(/.exec(row);
      assert.ok(written, `${item.id}: a quantity in "${row}"`);
      const token = written[1] ?? written[2] ?? written[3]!;
      assert.equal(/^\d+$/.test(token) ? Number(token) : WORDS.indexOf(token), q, `${item.id}: quantity in "${row}"`);
      const beforeEach = amountsIn(row.slice(0, row.indexOf(' each')));
      assert.equal(beforeEach[beforeEach.length - 1]!.cents, cents(line.unit_price), `${item.id}: unit price in "${row}"`);
      const was = /was (.+?), now/.exec(row);
      if (was) assert.notEqual(amountsIn(was[1]!)[0]!.cents, cents(line.unit_price), `${item.id}: not the old price`);
      const lineTotal = /\(([^)]+)\)$/.exec(row);
      if (lineTotal) assert.equal(amountsIn(lineTotal[1]!)[0]!.cents, q * cents(line.unit_price), `${item.id}: line total`);
      sum += q * cents(line.unit_price);
    }
    const shippingLine = /^Shipping: (.+)$/m.exec(text);
    const shipping = shippingLine === null || shippingLine[1] === 'free' ? 0 : amountsIn(shippingLine[1]!)[0]!.cents;
    assert.equal(cents(expected.total), sum + shipping, `${item.id}: total = lines + shipping`);
    const subtotal = /^Subtotal: (.+)$/m.exec(text);
    if (subtotal) assert.equal(amountsIn(subtotal[1]!)[0]!.cents, sum, `${item.id}: subtotal`);
  }
});

test('extraction: event — the new date (weekdays checked), the start time, the people who attend', () => {
  for (const item of sample(25).filter((i) => i.category === 'event')) {
    const { text, expected } = parts(item);
    const subject = /^Subject: (.+?)( \(rescheduled\))?$/m.exec(text);
    assert.equal(subject?.[1], expected.title, item.id);
    const dates = datesIn(text);
    if (item.difficulty < 3) {
      assert.deepEqual(dates.map((d) => d.iso), [expected.date], `${item.id}: one date`);
    } else {
      const planned = text.indexOf('originally planned for ') + 'originally planned for '.length;
      const moved = text.indexOf('will now take place on ') + 'will now take place on '.length;
      assert.equal(dates.find((d) => d.index === moved)?.iso, expected.date, `${item.id}: the new date`);
      assert.notEqual(dates.find((d) => d.index === planned)?.iso, expected.date, `${item.id}: not the old one`);
      assert.equal(dates.length, 2);
    }
    if (item.difficulty === 1) continue;
    const start = /(?:starting at|, from) (.+)$/m.exec(text);
    assert.ok(start, item.id);
    assert.equal(timeAt(start[1]!), expected.start_time, `${item.id}: ${start[1]!.slice(0, 12)}`);
    assert.ok(text.includes(`, in ${expected.location as string}.`), item.id);
    if (item.difficulty === 3) {
      const end = / to ((?:noon|\d).*)$/m.exec(text);
      assert.ok(end, item.id);
      assert.ok(timeAt(end[1]!) > (expected.start_time as string), `${item.id}: the end time comes later`);
      const invited = /^Invited: (.+?)\. /m.exec(text)![1]!.split(/, | and /);
      const declined = /\. (.+) has declined\./.exec(text)![1]!;
      assert.ok(invited.includes(declined), item.id);
      assert.deepEqual(expected.attendees, invited.filter((name) => name !== declined), `${item.id}: invited minus who declined`);
    }
  }
});

test('extraction: product — the current price (not the old or a related one), availability read from the text, tags', () => {
  let inStock = 0;
  let outOfStock = 0;
  for (const item of sample(25).filter((i) => i.category === 'product')) {
    const { text, expected } = parts(item);
    assert.ok(text.startsWith(expected.name as string), item.id);
    const amounts = amountsIn(text);
    if (item.difficulty < 3) {
      assert.deepEqual(amounts.map((a) => a.cents), [cents(expected.price)], `${item.id}: the one price`);
    } else {
      const priceLine = text.split('\n')[1]!;
      const [old, current] = amountsIn(priceLine);
      assert.ok(/^Was .+, now /.test(priceLine) || /^Price: ~~.+~~ /.test(priceLine), priceLine);
      assert.equal(current!.cents, cents(expected.price), `${item.id}: the current price`);
      assert.ok(old!.cents > current!.cents, `${item.id}: the old price was higher`);
      assert.ok(text.includes(`SKU ${expected.sku as string})`), item.id);
      assert.deepEqual([...text.matchAll(/#(\w+)/g)].map((m) => m[1]), expected.tags, `${item.id}: hashtags`);
    }
    if (item.difficulty === 2) assert.deepEqual(/^Tags: (.+)$/m.exec(text)![1]!.split(', '), expected.tags, item.id);
    const saysIn = /\bin stock\b/i.test(text);
    const saysOut = /\b(out of stock|sold out|currently unavailable)\b/i.test(text);
    assert.ok(saysIn !== saysOut, `${item.id}: exactly one availability: ${text}`);
    assert.equal(expected.in_stock, saysIn, item.id);
    if (saysIn) inStock++;
    else outOfStock++;
  }
  assert.ok(inStock > 10 && outOfStock > 10, `${inStock} in stock, ${outOfStock} not`);
});

test('extraction: address — the shipping block, region null only where the country has none, country codes', () => {
  let nullRegions = 0;
  for (const item of sample(25).filter((i) => i.category === 'address')) {
    const { text, expected } = parts(item);
    let block = text;
    if (item.difficulty === 2) block = text.split('\n\n')[1]!;
    if (item.difficulty === 3) {
      block = /Ship to:\n([\s\S]+?)(\n\n|$)/.exec(text)![1]!;
      const bill = /Bill to:\n([\s\S]+?)(\n\n|$)/.exec(text)![1]!;
      assert.ok(!bill.includes(expected.street as string), `${item.id}: not the billing street`);
    }
    for (const key of ['street', 'city', 'postal_code', 'recipient'] as const) {
      if (expected[key] !== undefined) assert.ok(block.includes(expected[key] as string), `${item.id}: ${key} in the block`);
    }
    const countryName = Object.keys(COUNTRY_CODES).find((name) => block.includes(name));
    assert.ok(countryName, `${item.id}: a country in the block`);
    assert.equal(expected.country, item.difficulty === 3 ? COUNTRY_CODES[countryName] : countryName, item.id);
    if (item.difficulty === 1) continue;
    if (expected.region === null) {
      nullRegions++;
      assert.ok(!['United States', 'Canada'].includes(countryName), `${item.id}: only addresses without states have no region`);
    } else {
      assert.ok(block.includes(`${expected.city as string}, ${expected.region as string} ${expected.postal_code as string}`), `${item.id}: region`);
    }
  }
  assert.ok(nullRegions > 0);
});

// ---------------------------------------------------------------------------------------------
// The scorer on realistic answers

test('extraction: field-credit scoring of realistic answers (fenced, distractor taken, format not normalised)', () => {
  const score = createScorer(extraction.scorer);
  const items = extraction.generate({ seed: 31, n: 25, difficulty: 3 });
  for (const item of items) {
    const expected = JSON.parse(item.expected as string) as Record<string, unknown>;
    const n = leaves(expected).length;
    const answerWith = (patch: Record<string, unknown>) => JSON.stringify({ ...expected, ...patch }, null, 2);
    // Fenced, pretty-printed, with prose around it: full credit.
    assert.equal(score(item, `Here is the JSON:\n\`\`\`json\n${answerWith({})}\n\`\`\`\nAll fields were found.`).value, 1, item.id);
    const { text } = parts(item);
    let partial: string;
    let want = (n - 1) / n;
    switch (item.category) {
      case 'contact': {
        const other = [...text.matchAll(/[\w.]+@[\w.]+\.example/g)].map((m) => m[0]).find((e) => e !== expected.email)!;
        partial = answerWith({ email: other }); // the colleague's address
        break;
      }
      case 'order': {
        const lines = expected.items as Record<string, unknown>[];
        const row = text.split('\n').find((l) => l.startsWith('- ') && l.includes(': was '))!;
        const old = amountsIn(/was (.+?), now/.exec(row)![1]!)[0]!.cents / 100;
        partial = answerWith({ items: lines.map((l) => (row.includes(l.name as string) ? { ...l, unit_price: old } : l)) });
        break;
      }
      case 'event': {
        const declined = /\. (.+) has declined\./.exec(text)![1]!;
        partial = answerWith({ attendees: [...(expected.attendees as string[]), declined] });
        want = n / (n + 1); // every field right, one attendee too many
        break;
      }
      case 'product':
        partial = answerWith({ price: amountsIn(text.split('\n')[1]!)[0]!.cents / 100 }); // the old price
        break;
      default:
        partial = answerWith({ country: Object.entries(COUNTRY_CODES).find(([, code]) => code === expected.country)![0] }); // not a code
        assert.equal(score(item, partial).value, 0, `${item.id}: a country name breaks maxLength 2`);
        partial = answerWith({ region: expected.region === null ? '' : String(expected.region).toLowerCase() });
    }
    const s = score(item, partial);
    assert.ok(Math.abs(s.value - want) < 1e-9, `${item.id}: ${s.value} vs ${want} (${s.detail})`);
    assert.match(s.detail, /^\d+\/\d+ fields; first mismatch \$\./, item.id);
  }
});

test('extraction: dates not normalised and money as text are caught', () => {
  const score = createScorer(extraction.scorer);
  const event = extraction.generate({ seed: 8, n: 3, difficulty: 2 }).find((item) => item.category === 'event')!;
  const e = JSON.parse(event.expected as string) as Record<string, unknown>;
  const [year, month, day] = (e.date as string).split('-').map(Number) as [number, number, number];
  const s = score(event, JSON.stringify({ ...e, date: `${MONTHS[month - 1]!} ${day}, ${year}` }));
  assert.equal(s.value, 3 / 4);
  assert.match(s.detail, /^3\/4 fields; first mismatch \$\.date: got "/);
  const order = extraction.generate({ seed: 8, n: 2, difficulty: 2 }).find((item) => item.category === 'order')!;
  const o = JSON.parse(order.expected as string) as Record<string, unknown>;
  const text = score(order, JSON.stringify({ ...o, total: `€${String(o.total)}` }));
  assert.equal(text.value, 0);
  assert.equal(text.detail, '$.total: expected number, got string');
});
