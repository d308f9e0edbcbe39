// awk programs: `system(CMD)`, `print … > FILE` / `>> FILE`, `print … | CMD`, `CMD | getline`.
// A comparison (`$3 > 1000`) is a redirection only inside print and printf, as awk reads it.
import {shells} from '../handoff.js';
import type {Derived, Found} from './amounts.js';
import {namesOf, valueOf} from './calls.js';
import {type Token, tokenize} from './lexer.js';

const isPunct = (token: Token | undefined, ...texts: string[]) => token?.kind === 'punct' && texts.includes(token.text);
const ends = (token: Token | undefined) => !token || token.kind === 'nl' || isPunct(token, ';', '}');

/** The tokens of one operand ending just before `end`: a string, a name, `name[…]` or `name(…)`. */
function operandBefore(tokens: Token[], end: number): Token[] {
  let start = end - 1;
  let depth = 0;
  for (; start >= 0 && end - start < 256; start--) {
    const token = tokens[start]!;
    if (isPunct(token, ')', ']')) depth++;
    else if (isPunct(token, '(', '[')) {
      if (depth === 0) break;
      depth--;
      continue;
    }

    if (depth > 0) continue;
    if (token.kind === 'nl' || (token.kind === 'punct' && !isPunct(token, '$'))) break;
    if (token.kind === 'name' && /^(?:print|printf|BEGIN|END)$/.test(token.text)) break;
  }

  return tokens.slice(start + 1, end);
}

export function awkCalls(text: string, unknowns: Map<string, string>): Found[] {
  const tokens = tokenize(text, 'awk', unknowns);
  // A variable set once to strings (`c = "du -sh " "/var/lib/etcd"; system(c)`) is read through.
  const names = namesOf(tokens, 'awk');
  const found: Found[] = [];
  const say = (derived: Derived, from: number, to: number) => found.push({derived, call: text.slice(tokens[from]!.at, tokens[to + 1]?.at ?? text.length).trim() || text.slice(0, 60)});
  let inPrint = false;
  let printAt = 0;
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (ends(token) && depth === 0) inPrint = false;
    if (isPunct(token, '(')) depth++;
    if (isPunct(token, ')')) depth = Math.max(0, depth - 1);
    if (token.kind === 'name' && (token.text === 'print' || token.text === 'printf')) {
      inPrint = true;
      printAt = k;
      depth = 0;
      continue;
    }

    if (token.kind === 'name' && token.text === 'system' && isPunct(tokens[k + 1], '(')) {
      let close = k + 2;
      for (let inner = 1; close < tokens.length; close++) {
        if (isPunct(tokens[close], '(')) inner++;
        if (isPunct(tokens[close], ')') && --inner === 0) break;
      }

      say({kind: 'shell', code: valueOf(tokens.slice(k + 2, close), 'awk', names)}, k, close);
      k = close;
      continue;
    }

    if (isPunct(token, '|') && tokens[k + 1]?.kind === 'name' && (tokens[k + 1] as {text: string}).text === 'getline') {
      const operand = operandBefore(tokens, k);
      say({kind: 'shell', code: valueOf(operand, 'awk', names)}, Math.max(0, k - operand.length), k + 1);
      continue;
    }

    if (inPrint && depth === 0 && token.kind === 'punct' && (token.text === '>' || token.text === '>>' || token.text === '|')) {
      let end = k + 1;
      while (end < tokens.length && !ends(tokens[end])) end++;
      const target = valueOf(tokens.slice(k + 1, end), 'awk', names);
      if (token.text !== '|') say({kind: 'write', target, append: token.text === '>>'}, printAt, end - 1);
      else {
        const program = target[0]?.kind === 'text' ? target[0].text.trim().split(/\s+/)[0] ?? '' : '';
        say(shells.has(program.replace(/^.*\//, '')) && target.length === 1 && /^\S+(?:\s+-\w+)*\s*$/.test(target[0]!.kind === 'text' ? target[0]!.text : '') ? {kind: 'opaque', why: `awk prints into ${program} the commands it makes of its input, which guard cannot see`} : {kind: 'shell', code: target}, printAt, end - 1);
      }

      k = end - 1;
    }
  }

  return found;
}
