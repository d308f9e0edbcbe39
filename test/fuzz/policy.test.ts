// The policy loader: the schema over any JSON value and over valid policies with one thing
// changed, and the YAML and JSON text path over any text. Only PolicyInvalid (or another
// PolicyError) may escape; a valid policy reads the same written as JSON or YAML.
import {fstatSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, expect} from 'vitest';
import {regexProblem} from '../../src/linear-regex.js';
import {PolicyError, PolicyInvalid} from '../../src/policy/schema-errors.js';
import {parsePolicyFile} from '../../src/policy/schema.js';
import type {PolicyFormat} from '../../src/policy-files/discover.js';
import {readPolicyData, validatePolicyData} from '../../src/policy-files/parse.js';
import {arbitraryPolicy, mutatedPolicy, policyText, validPolicy} from './arbitraries.js';
import {fuzz, fuzzTarget} from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'guard-fuzz-policy-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const extension: Record<Exclude<PolicyFormat, 'js'>, string> = {json: '.guardrc.json', yaml: '.guardrc.yaml', 'package.json': 'package.json'};

/** The text, written to a file and read back the way guard reads a policy file. */
async function load(text: string, format: Exclude<PolicyFormat, 'js'>): Promise<unknown> {
  const path = join(dir, extension[format]);
  writeFileSync(path, text);
  const fd = openSync(path, 'r');
  const data = await readPolicyData({format, layer: 'project', path}, {fd, path, realPath: path, stat: fstatSync(fd)});
  return validatePolicyData(data, path);
}

/** Either a policy or PolicyInvalid with at least one issue, one line each, naming the file. */
function parsedOrInvalid(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyInvalid);
    const invalid = error as PolicyInvalid;
    expect(invalid.issues.length).toBeGreaterThan(0);
    for (const line of invalid.lines()) expect(line).toMatch(/^policy\.yaml: [^\n]+$/);
    return undefined;
  }
}

async function loadedOrError(text: string, format: Exclude<PolicyFormat, 'js'>): Promise<void> {
  try {
    await load(text, format);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).exitCode).toBe(78);
  }
}

fuzzTarget('policy', {
  'any JSON value is a policy or PolicyInvalid': fuzz(500, [arbitraryPolicy], (data) => {
    parsedOrInvalid(() => parsePolicyFile(data, 'policy.yaml'));
  }),

  'a valid policy with one thing changed is a policy or PolicyInvalid': fuzz(300, [mutatedPolicy], (data) => {
    parsedOrInvalid(() => parsePolicyFile(data, 'policy.yaml'));
  }),

  'a valid policy is accepted, the same each time': fuzz(200, [validPolicy], (data) => {
    const parsed = parsePolicyFile(structuredClone(data), 'policy.yaml');
    expect(parsePolicyFile(structuredClone(data), 'policy.yaml')).toEqual(parsed);
  }),

  'a valid policy written as JSON or YAML reads back the same': fuzz(100, [validPolicy, fc.constantFrom('json', 'yaml', 'package.json') as fc.Arbitrary<Exclude<PolicyFormat, 'js'>>, fc.boolean()], async (data, format, pretty) => {
    const expected = parsePolicyFile(structuredClone(data), 'policy.yaml');
    const written = JSON.stringify(format === 'package.json' ? {name: 'x', guard: data} : data, null, pretty ? 2 : undefined);
    expect(await load(written, format)).toEqual(expected);
  }),

  'any text read as YAML or JSON is a policy or PolicyError': fuzz(200, [policyText, fc.constantFrom('json', 'yaml', 'package.json') as fc.Arbitrary<Exclude<PolicyFormat, 'js'>>], async (text, format) => {
    await loadedOrError(text, format);
  }),

  'a regular expression field accepts what the linear-time engine compiles and rejects the rest, never throwing': fuzz(500, [fc.oneof(fc.string({maxLength: 20}), fc.string({unit: fc.constantFrom(...'()[]{}*+?|\\^$.a-:<>=!'.split('')), maxLength: 16}))], (source) => {
    const compiles = source.length > 0 && regexProblem(source) === undefined;
    const rule = parsedOrInvalid(() => parsePolicyFile({rules: [{id: 'r', level: 'deny', reason: 'r', match: {regex: source}}]}, 'policy.yaml'));
    expect(rule !== undefined).toBe(compiles);
    const redact = parsedOrInvalid(() => parsePolicyFile({redact: [source]}, 'policy.yaml'));
    expect(redact !== undefined).toBe(compiles);
  }),
});
