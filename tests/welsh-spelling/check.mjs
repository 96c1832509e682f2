// The Welsh spelling check: every Welsh string the project shows people, as the Rust
// tests write them out (`target/tmp/welsh-spelling/*.json`, entries of `source` and
// `text`), split into words and each looked up in the Welsh Hunspell dictionary
// (dictionary-cy) by nspell, which knows the mutated forms (`gŵyn`, `nghwyn`).
// `accepted.txt` lists the few words the dictionary lacks, each with its reason.

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import nspell from 'nspell';
import dictionary from 'dictionary-cy';

/** A checker over the Welsh dictionary (loading it takes a few seconds). */
export const welsh = () => nspell(dictionary);

/**
 * The words of `text`, as a person reads them: curly apostrophes made straight and kept
 * inside and at the start of words (`â'r`, `i'w`), hyphenated words whole; placeholders
 * (`((name))`, `{}`, `{max}`), web and email addresses, case references and anything
 * holding a digit (dates, postcodes, phone numbers) dropped.
 */
export function words(text) {
  const plain = text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\(\([^)]*\)\)/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\b[A-Z]+-\d{4}-\d+\b/g, ' ');
  return (plain.match(/[\p{L}\p{N}'-]+/gu) || [])
    .map((w) => w.replace(/^[-']+(?=.*')|[-']+$/g, '').replace(/^-+/, ''))
    .filter((w) => w && /\p{L}/u.test(w) && !/\p{N}/u.test(w));
}

/** Whether `word` is spelt right: the whole word, or a hyphenated word part by part. */
function correct(spell, word) {
  if (spell.correct(word)) return true;
  return word.includes('-') && word.split('-').every((part) => !part || spell.correct(part));
}

/**
 * `accepted.txt`: one word a line, each with a `# reason`; blank lines and lines that are
 * only a comment are skipped. A word without a reason is an error.
 */
export function parseAccepted(text) {
  const accepted = new Map();
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const hash = trimmed.indexOf('#');
    const word = (hash < 0 ? trimmed : trimmed.slice(0, hash)).trim();
    const reason = hash < 0 ? '' : trimmed.slice(hash + 1).trim();
    if (!reason) throw new Error(`accepted.txt line ${i + 1}: \`${word}\` needs a # reason`);
    accepted.set(word.replace(/\u2019/g, "'"), reason);
  });
  return accepted;
}

/**
 * The words of `entries` that are neither in the dictionary nor accepted, each with the
 * sources it came from: `Map(word -> Set(source))`.
 */
export function unknownWords(spell, entries, accepted = new Map()) {
  const unknown = new Map();
  for (const { source, text } of entries) {
    for (const word of words(text)) {
      if (accepted.has(word) || correct(spell, word)) continue;
      if (!unknown.has(word)) unknown.set(word, new Set());
      unknown.get(word).add(source);
    }
  }
  return unknown;
}

/** Every entry of every JSON file in `dir`. */
export async function readStrings(dir) {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const entries = [];
  for (const name of names) {
    entries.push(...JSON.parse(await readFile(path.join(dir, name), 'utf8')));
  }
  return { names, entries };
}

/** The report of `unknownWords`: one line a word, with where it came from. */
export function report(unknown) {
  return [...unknown]
    .sort(([a], [b]) => a.localeCompare(b, 'cy'))
    .map(([word, sources]) => `  ${word}    (${[...sources].sort().join('; ')})`)
    .join('\n');
}
