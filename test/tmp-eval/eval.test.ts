import {readFileSync, writeFileSync} from 'node:fs';
import {test} from 'vitest';
import {check, type CorpusCase} from '../corpus/cases.js';

test('eval', async () => {
  const cases = readFileSync(process.env.EVAL_FILE!, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CorpusCase);
  const out: string[] = [];
  let ok = {refuse: 0, allow: 0}, tot = {refuse: 0, allow: 0};
  for (const item of cases) {
    const {decision, refused} = await check(item);
    tot[item.expect]++;
    const good = refused === (item.expect === 'refuse');
    if (good) ok[item.expect]++;
    else out.push(`MISS ${item.id} expect=${item.expect} verdict=${decision.verdict}\n  cmd: ${item.command.replace(/\n/g, '\\n').slice(0, 400)}\n  note: ${item.note}\n  findings: ${(decision.findings ?? []).map((f: any) => `${f.rule}: ${f.reason}`).join(' | ').slice(0, 400)}`);
  }
  out.unshift(`refuse ${ok.refuse}/${tot.refuse} allow ${ok.allow}/${tot.allow}`);
  writeFileSync(process.env.EVAL_OUT!, out.join('\n') + '\n');
}, 600000);
