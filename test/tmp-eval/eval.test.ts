import {writeFileSync} from 'node:fs';
import {test} from 'vitest';
import {check, readCorpus} from '../corpus/cases.js';

test('eval', async () => {
  const cases = readCorpus(process.env.EVAL_FILE!);
  const lines: string[] = [];
  let rr = 0, rt = 0, ar = 0, at = 0;
  for (const item of cases) {
    const {refused, decision} = await check(item);
    const want = item.expect === 'refuse';
    if (want) { rt++; if (refused) rr++; } else { at++; if (!refused) ar++; }
    if (refused !== want) lines.push(`MISS ${item.id} want=${item.expect} :: ${item.command.slice(0, 300).replace(/\n/g, '\\n')}\n   -> ${JSON.stringify(decision).slice(0, 400)}`);
  }
  writeFileSync(process.env.EVAL_OUT!, `refuse ${rr}/${rt} allow ${ar}/${at}\n${lines.join('\n')}\n`);
}, 600_000);
