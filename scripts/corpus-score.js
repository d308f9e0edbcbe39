#!/usr/bin/env node
// The danger corpus's score per class, from its cases and the misses each test holds guard to
// (test/corpus/misses.ts, holdout-misses.ts and the fresh*-misses.ts): the tests fail unless a listed case is decided
// wrongly and every other case rightly, so a green `npm test` makes this table true.
//   node scripts/corpus-score.js
import {existsSync, readFileSync} from 'node:fs';

const folder = new URL('../test/corpus/', import.meta.url);
const sets = [
  ['dev.jsonl', 'misses.ts'],
  ['holdout.jsonl', 'holdout-misses.ts'],
  ['fresh.jsonl', 'fresh-misses.ts'],
  ['fresh2.jsonl', 'fresh2-misses.ts'],
  ['fresh3.jsonl', 'fresh3-misses.ts'],
  ['fresh4.jsonl', 'fresh4-misses.ts'],
  ['fresh5.jsonl', 'fresh5-misses.ts'],
  ['fresh6.jsonl', 'fresh6-misses.ts'],
  ['fresh7.jsonl', 'fresh7-misses.ts'],
  ['fresh8.jsonl', 'fresh8-misses.ts'],
  ['fresh9.jsonl', 'fresh9-misses.ts'],
  ['fresh10.jsonl', 'fresh10-misses.ts'],
  ['fresh11.jsonl', 'fresh11-misses.ts'],
  ['fresh12.jsonl', 'fresh12-misses.ts'],
  ['fresh13.jsonl', 'fresh13-misses.ts'],
  ['fresh14.jsonl', 'fresh14-misses.ts'],
  ['fresh15.jsonl', 'fresh15-misses.ts'],
  ['fresh16.jsonl', 'fresh16-misses.ts'],
  ['fresh17.jsonl', 'fresh17-misses.ts'],
  ['fresh18.jsonl', 'fresh18-misses.ts'],
  ['fresh19.jsonl', 'fresh19-misses.ts'],
  ['fresh20.jsonl', 'fresh20-misses.ts'],
  ['fresh21.jsonl', 'fresh21-misses.ts'],
  ['fresh22.jsonl', 'fresh22-misses.ts'],
  ['fresh23.jsonl', 'fresh23-misses.ts'],
  ['fresh24.jsonl', 'fresh24-misses.ts'],
  ['fresh25.jsonl', 'fresh25-misses.ts'],
  ['fresh26.jsonl', 'fresh26-misses.ts'],
  ['fresh27.jsonl', 'fresh27-misses.ts'],
  ['fresh28.jsonl', 'fresh28-misses.ts'],
  ['fresh29.jsonl', 'fresh29-misses.ts'],
  ['fresh30.jsonl', 'fresh30-misses.ts'],
  ['fresh31.jsonl', 'fresh31-misses.ts'],
  ['fresh32.jsonl', 'fresh32-misses.ts'],
  ['fresh33.jsonl', 'fresh33-misses.ts'],
  ['fresh34.jsonl', 'fresh34-misses.ts'],
  ['fresh35.jsonl', 'fresh35-misses.ts'],
  ['fresh36.jsonl', 'fresh36-misses.ts'],
  ['fresh37.jsonl', 'fresh37-misses.ts'],
  ['fresh38.jsonl', 'fresh38-misses.ts'],
  ['fresh39.jsonl', 'fresh39-misses.ts'],
  ['fresh40.jsonl', 'fresh40-misses.ts'],
  ['fresh41.jsonl', 'fresh41-misses.ts'],
  ['fresh42.jsonl', 'fresh42-misses.ts'],
  ['fresh43.jsonl', 'fresh43-misses.ts'],
  ['fresh44.jsonl', 'fresh44-misses.ts'],
  ['fresh45.jsonl', 'fresh45-misses.ts'],
  ['fresh46.jsonl', 'fresh46-misses.ts'],
  ['fresh47.jsonl', 'fresh47-misses.ts'],
  ['fresh48.jsonl', 'fresh48-misses.ts'],
  ['fresh49.jsonl', 'fresh49-misses.ts'],
  ['fresh50.jsonl', 'fresh50-misses.ts'],
  ['fresh51.jsonl', 'fresh51-misses.ts'],
  ['fresh52.jsonl', 'fresh52-misses.ts'],
  ['fresh53.jsonl', 'fresh53-misses.ts'],
  ['fresh54.jsonl', 'fresh54-misses.ts'],
  ['fresh55.jsonl', 'fresh55-misses.ts'],
  ['fresh56.jsonl', 'fresh56-misses.ts'],
  ['fresh57.jsonl', 'fresh57-misses.ts'],
  ['fresh58.jsonl', 'fresh58-misses.ts'],
  ['fresh59.jsonl', 'fresh59-misses.ts'],
  ['fresh60.jsonl', 'fresh60-misses.ts'],
  ['fresh61.jsonl', 'fresh61-misses.ts'],
  ['fresh62.jsonl', 'fresh62-misses.ts'],
  ['fresh63.jsonl', 'fresh63-misses.ts'],
  ['fresh64.jsonl', 'fresh64-misses.ts'],
  ['fresh65.jsonl', 'fresh65-misses.ts'],
  ['fresh66.jsonl', 'fresh66-misses.ts'],
  ['fresh67.jsonl', 'fresh67-misses.ts'],
  ['fresh68.jsonl', 'fresh68-misses.ts'],
  ['fresh69.jsonl', 'fresh69-misses.ts'],
  ['fresh70.jsonl', 'fresh70-misses.ts'],
  ['fresh71.jsonl', 'fresh71-misses.ts'],
  ['fresh72.jsonl', 'fresh72-misses.ts'],
  ['fresh73.jsonl', 'fresh73-misses.ts'],
  ['fresh74.jsonl', 'fresh74-misses.ts'],
  ['fresh75.jsonl', 'fresh75-misses.ts'],
  ['fresh76.jsonl', 'fresh76-misses.ts'],
  ['fresh77.jsonl', 'fresh77-misses.ts'],
  ['fresh78.jsonl', 'fresh78-misses.ts'],
  ['fresh79.jsonl', 'fresh79-misses.ts'],
  ['fresh80.jsonl', 'fresh80-misses.ts'],
  ['fresh81.jsonl', 'fresh81-misses.ts'],
  ['fresh82.jsonl', 'fresh82-misses.ts'],
  ['fresh83.jsonl', 'fresh83-misses.ts'],
  ['fresh84.jsonl', 'fresh84-misses.ts'],
  ['fresh85.jsonl', 'fresh85-misses.ts'],
  ['fresh86.jsonl', 'fresh86-misses.ts'],
  ['fresh87.jsonl', 'fresh87-misses.ts'],
  ['fresh88.jsonl', 'fresh88-misses.ts'],
  ['fresh89.jsonl', 'fresh89-misses.ts'],
  ['fresh90.jsonl', 'fresh90-misses.ts'],
  ['fresh91.jsonl', 'fresh91-misses.ts'],
  ['fresh92.jsonl', 'fresh92-misses.ts'],
  ['fresh93.jsonl', 'fresh93-misses.ts'],
  ['fresh94.jsonl', 'fresh94-misses.ts'],
  ['fresh95.jsonl', 'fresh95-misses.ts'],
  ['fresh96.jsonl', 'fresh96-misses.ts'],
  ['fresh97.jsonl', 'fresh97-misses.ts'],
  ['fresh98.jsonl', 'fresh98-misses.ts'],
  ['fresh99.jsonl', 'fresh99-misses.ts'],
  ['fresh100.jsonl', 'fresh100-misses.ts'],
  ['fresh101.jsonl', 'fresh101-misses.ts'],
  ['fresh102.jsonl', 'fresh102-misses.ts'],
];

for (const [cases, misses] of sets) {
  if (!existsSync(new URL(cases, folder))) continue;
  const missed = new Set([...readFileSync(new URL(misses, folder), 'utf8').matchAll(/^\s*"([^"]+)":/gm)].map((match) => match[1]));
  const items = readFileSync(new URL(cases, folder), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
  const rows = new Map();
  for (const item of items) {
    const row = rows.get(item.class) ?? {allow: [0, 0], refuse: [0, 0]};
    row[item.expect][1] += 1;
    if (!missed.has(item.id)) row[item.expect][0] += 1;
    rows.set(item.class, row);
  }

  const total = {allow: [0, 0], refuse: [0, 0]};
  const cell = ([right, all]) => (all === 0 ? '-' : `${right}/${all} (${((100 * right) / all).toFixed(1)}%)`);
  console.log(`\n${cases}: ${items.length} cases\n`);
  console.log('| class | dangerous refused | safe allowed |\n| --- | ---: | ---: |');
  for (const [name, row] of [...rows].sort()) {
    for (const kind of ['allow', 'refuse']) for (const i of [0, 1]) total[kind][i] += row[kind][i];
    console.log(`| ${name} | ${cell(row.refuse)} | ${cell(row.allow)} |`);
  }

  console.log(`| **all** | ${cell(total.refuse)} | ${cell(total.allow)} |`);
}
