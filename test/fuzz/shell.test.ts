// The shell analysis and the decision on it, over grammar scripts, broken scripts, raw text
// and bytes: it never throws (it documents no error), the same script always gets the same
// decision, quoting a harmless word changes nothing, and a dangerous command is never
// allowed wherever the shell would run it.
import fc from 'fast-check';
import {expect} from 'vitest';
import {analyzeArgv, analyzeScript} from '../../src/shell/index.js';
import {evaluate} from '../../src/policy/evaluate.js';
import {defaultPolicy} from '../../src/policy/defaults.js';
import type {Decision} from '../../src/policy/types.js';
import {context, decide, shell} from '../policy/fixture.js';
import {argv, dangers, embeddings, grammarScript, harmlessWords, mutatedScript, neighbour, placeholder, quotings, rawText, templateScript} from './arbitraries.js';
import {fuzz, fuzzTarget} from './harness.js';

const rank = {allow: 0, warn: 1, confirm: 2, deny: 3} as const;

/** What a decision says, without the words as written (which quoting changes on purpose). */
const outcome = (decision: Decision) => ({verdict: decision.verdict, rules: [...new Set(decision.findings.map((finding) => `${finding.rule}@${finding.level}`))].sort()});

const decided = (decision: Decision) => {
  expect(['allow', 'warn', 'confirm', 'deny']).toContain(decision.verdict);
  return decision;
};

/** Whether the shell, reading this text, ends it outside any quote: `"a\"` does not, `'a\'` does. */
function closesItsQuotes(text: string): boolean {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
    } else if (ch === '\\') i++;
    else if (ch === quote) quote = undefined;
    else if (quote === undefined && (ch === '"' || ch === "'")) quote = ch;
  }

  return quote === undefined;
}

const alone = new Map<string, Decision>();
async function decisionAlone(danger: string): Promise<Decision> {
  if (!alone.has(danger)) alone.set(danger, await decide(danger));
  return alone.get(danger)!;
}

fuzzTarget('shell', {
  'analysis and decision never throw on grammar scripts, whole or broken': fuzz(300, [fc.oneof(grammarScript, mutatedScript)], async (script) => {
    decided(await decide(script));
  }),

  'analysis and decision never throw on raw text, bytes and argv': fuzz(300, [rawText, argv], async (text, words) => {
    decided(await decide(text));
    decided(evaluate(await analyzeArgv(words, shell), defaultPolicy(), context));
  }),

  'the same script gets the same decision, whatever was analysed in between': fuzz(100, [fc.oneof(grammarScript, mutatedScript, rawText), fc.oneof(grammarScript, rawText)], async (script, between) => {
    const first = await decide(script);
    await analyzeScript(between, shell);
    expect(await decide(script)).toEqual(first);
  }),

  'quoting a harmless word never changes the decision': fuzz(
    150,
    [templateScript.filter((script) => script.includes(placeholder)), fc.constantFrom(...harmlessWords), fc.array(fc.nat(quotings.length - 1), {minLength: 1, maxLength: 8})],
    async (template, word, styles) => {
      const plain = outcome(await decide(template.replaceAll(placeholder, word)));
      let i = 0;
      const quoted = outcome(await decide(template.replaceAll(placeholder, () => quotings[styles[i++ % styles.length]!]!(word))));
      // A script that does not parse is refused either way; what tree-sitter recovers past the
      // error (and so which other rules fire) may differ.
      if (plain.rules.includes('shell.syntax@deny')) expect(quoted.verdict).toBe('deny');
      else expect(quoted).toEqual(plain);
    },
  ),

  'a dangerous command is never allowed wherever the shell runs it': fuzz(
    200,
    [fc.constantFrom(...dangers), fc.array(fc.nat(embeddings.length - 1), {minLength: 1, maxLength: 3}), fc.array(neighbour, {minLength: 2, maxLength: 2})],
    async (danger, layers, [a, b]) => {
      // A neighbour with ${X:?…} (X is unset here) stops the shell before the danger: it never runs.
      if ([a, b].some((neighbour) => neighbour!.includes(':?'))) return;
      // One that sets HOME in the shell (`HOME=echo of=/dev/sda` is two assignments) moves `~`:
      // `rm -rf ~` then deletes ./echo, as the shell would.
      if (danger.includes('~') && [a, b].some((neighbour) => /(?:^|[\s;&|(])HOME=/.test(neighbour!))) return;
      // One that leaves a quote open (`"echo |`) can quote the danger into a word, as with
      // `"echo | rm -rf / | "echo`: a program of that odd name, and nothing deleted.
      if ([a, b].some((neighbour) => !closesItsQuotes(neighbour!))) return;
      const before = await decisionAlone(danger);
      expect(before.verdict).toBe('deny');
      const script = layers.reduce((inner, layer) => embeddings[layer]!(inner, a!, b!), danger);
      const after = await decide(script);
      expect(after.verdict).not.toBe('allow');
      expect(rank[after.verdict]).toBeGreaterThanOrEqual(rank[before.verdict]);
    },
  ),
});
