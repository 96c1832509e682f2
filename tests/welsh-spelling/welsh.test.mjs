// `cargo xtask test` runs this after the Rust tests have written the Welsh strings out
// (CF_WELSH_STRINGS names their folder).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parseAccepted, readStrings, report, unknownWords, welsh, words } from './check.mjs';

const here = import.meta.dirname;
const strings = process.env.CF_WELSH_STRINGS
  || path.join(here, '..', '..', 'target', 'tmp', 'welsh-spelling');
const spell = welsh();
const accepted = parseAccepted(await readFile(path.join(here, 'accepted.txt'), 'utf8'));

test('every Welsh string of the project is spelt as the Welsh dictionary has it', async () => {
  const { names, entries } = await readStrings(strings);
  // Each collector writes its own file; one missing means its test did not run.
  assert.deepEqual(names, [
    'councils.json', 'domain.json', 'emails.json', 'member-summary.json', 'widget.json',
  ]);
  const count = entries.reduce((n, e) => n + words(e.text).length, 0);
  assert.ok(count > 2000, `only ${count} Welsh words`);
  const unknown = unknownWords(spell, entries, accepted);
  assert.equal(
    unknown.size,
    0,
    `${unknown.size} Welsh words not in the dictionary (fix the text, or add the word to `
      + `tests/welsh-spelling/accepted.txt with its reason):\n${report(unknown)}`,
  );
  console.log(`${count} Welsh words in ${entries.length} strings checked`);
});

test('a misspelt Welsh word fails the check, with where it came from', () => {
  const entries = [
    { source: 'widget/src/text.rs', text: 'Dywedwch wrthym beth yw eich barnn' },
    { source: 'shared/src/labels.rs', text: 'Cadarnhawyd yn rhannol' },
  ];
  const unknown = unknownWords(spell, entries, accepted);
  assert.deepEqual([...unknown.keys()], ['barnn']);
  assert.match(report(unknown), /barnn {4}\(widget\/src\/text\.rs\)/);
  // Mutated forms are words: the dictionary knows them.
  assert.equal(unknownWords(spell, [{ source: 's', text: 'fy nghwyn, ei chwyn, ei wasanaeth, eich cyfeirnod' }]).size, 0);
});

test('words keep their apostrophes and drop placeholders, addresses, references and figures', () => {
  assert.deepEqual(
    words('Annwyl ((name)), mae’n ddrwg gennym â’r oedi: DEMO-2026-000042, 3 Tachwedd 2026, CF10 1AA, https://www.demo.example/x, enw@enghraifft.com, {} mis, e-bost'),
    ['Annwyl', "mae'n", 'ddrwg', 'gennym', "â'r", 'oedi', 'Tachwedd', 'mis', 'e-bost'],
  );
});

test('every accepted word has a reason and is one the dictionary lacks', () => {
  assert.ok(accepted.size > 0 && accepted.size <= 30, `${accepted.size} accepted words`);
  for (const word of accepted.keys()) {
    assert.equal(spell.correct(word), false, `${word} is in the dictionary: take it off the list`);
  }
  assert.throws(() => parseAccepted('gair\n'), /needs a # reason/);
});
