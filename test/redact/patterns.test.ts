import fc from 'fast-check';
import {describe, expect, it, test} from 'vitest';
import {builtinPatterns, mask} from '../../src/redact/patterns.js';
import {createRedactor, redactStrings} from '../../src/redact/redactor.js';

const redactor = createRedactor([]);

describe('every built-in secret pattern masks its examples', () => {
  const examples = builtinPatterns.flatMap((pattern) => pattern.examples.map((example) => [pattern.id, example.input, example.redacted] as const));

  test.each(examples)('%s: %j', (id, input, redacted) => {
    const pattern = builtinPatterns.find((candidate) => candidate.id === id)!;
    expect(pattern.redact(input)).toBe(redacted);
    expect(pattern.redact(redacted), 'masking again changes nothing').toBe(redacted);
  });

  it('gives every pattern a unique id and at least one example that masks something', () => {
    const ids = builtinPatterns.map((pattern) => pattern.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pattern of builtinPatterns) expect(pattern.examples.some((example) => example.input !== example.redacted), pattern.id).toBe(true);
  });

  it('leaves every example redacted by the whole redactor, and the whole redactor idempotent on it', () => {
    for (const {input} of builtinPatterns.flatMap((pattern) => pattern.examples)) {
      const once = redactor.text(input);
      expect(redactor.text(once), input).toBe(once);
    }
  });
});

// S8 argv secrets: the research plan's list, as guard receives it word by word.
describe('S8 argv secrets', () => {
  const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7yn3bRHQ5FHMQ\n-----END RSA PRIVATE KEY-----';

  it('masks the values of secret flags, glued or as the next word, and keeps every other word', () => {
    expect(redactor.argv(['pg_dump', '--password=hunter2', '--host', 'db', '--token', 'two words', 'out.sql'])).toEqual([
      'pg_dump',
      `--password=${mask}`,
      '--host',
      'db',
      '--token',
      mask,
      'out.sql',
    ]);
    expect(redactor.argv(['tool', '--password=two words'])).toEqual(['tool', `--password=${mask}`]);
  });

  it('masks -pSECRET only after a mysql program', () => {
    expect(redactor.argv(['sudo', '/usr/bin/mysqldump', '-uroot', '-phunter2', '-P3306', 'shop'])).toEqual(['sudo', '/usr/bin/mysqldump', '-uroot', `-p${mask}`, '-P3306', 'shop']);
    expect(redactor.argv(['mkdir', '-pbuild'])).toEqual(['mkdir', '-pbuild']);
  });

  it('masks assignments, URL passwords, headers and token shapes inside words', () => {
    const words = [
      'env',
      'DB_PASS=x y',
      'PGPASSWORD=hunter2',
      'psql',
      'postgres://u:s3cr3t@h/db',
      '-H',
      'Authorization: Bearer abc.def.ghi',
      'AKIAIOSFODNN7EXAMPLE',
      `ghp_${'a1B2'.repeat(9)}`,
      'xoxb-123456789012-abcdefABCDEF',
      pem,
    ];
    expect(redactor.argv(words)).toEqual([
      'env',
      `DB_PASS=${mask}`,
      `PGPASSWORD=${mask}`,
      'psql',
      `postgres://u:${mask}@h/db`,
      '-H',
      `Authorization: Bearer ${mask}`,
      `AKIA${mask}`,
      `ghp_${mask}`,
      `xoxb-${mask}`,
      `-----BEGIN RSA PRIVATE KEY-----\n${mask}\n-----END RSA PRIVATE KEY-----`,
    ]);
  });

  it('does not change the words it is given', () => {
    const words = ['tool', '--token', 'hunter2'];
    redactor.argv(words);
    expect(words).toEqual(['tool', '--token', 'hunter2']);
  });
});

describe('patterns from the policy', () => {
  it('mask their whole match without capture groups, and only the groups with them', () => {
    const redact = createRedactor(['acme-[0-9a-f]{8}', String.raw`session=(\w+);(?:\s*user=(\w+))?`]);
    expect(redact.text('key acme-0badc0de here')).toBe(`key ${mask} here`);
    expect(redact.text('cookie session=abc123; user=joe and session=xyz;')).toBe(`cookie session=${mask}; user=${mask} and session=${mask};`);
    expect(redact.argv(['curl', '-b', 'session=abc123;'])).toEqual(['curl', '-b', `session=${mask};`]);
  });

  it('are idempotent even when they match the mask, and ignore empty matches', () => {
    const redact = createRedactor([String.raw`\*+|x*`, String.raw`secret (\S+)`]);
    const once = redact.text('a secret hunter2 and ***');
    expect(once).toBe(`a secret ${mask} and ${mask}`);
    expect(redact.text(once)).toBe(once);
  });
});

describe('strings inside values', () => {
  it('are masked wherever they sit, and nothing else changes', () => {
    expect(redactStrings(redactor, {exit_code: 1, notes: ['PGPASSWORD=x'], nested: {line: 'token glpat-xvY2ZB1mGv_4eJ-7kQzP'}, none: null})).toEqual({
      exit_code: 1,
      notes: [`PGPASSWORD=${mask}`],
      nested: {line: `token glpat-${mask}`},
      none: null,
    });
  });
});

// A tail is 64 KiB: these are 16 times that, each the worst case of a naive pattern (a
// match could start anywhere and scan to the end). Quadratic work on them takes hours,
// past the test's time limit; linear work takes milliseconds.
describe('hostile input', () => {
  const size = 1024 * 1024;
  const hostile: Record<string, string> = {
    'one long word': 'a'.repeat(size),
    'dashes': '-'.repeat(size),
    'flag starts without blanks': '--a'.repeat(size / 3),
    'header-like words': 'X-'.repeat(size / 2),
    'JWT starts': 'eyJ-'.repeat(size / 4),
    'URL starts without @': '://a:'.repeat(size / 5),
    'unclosed quotes after a secret flag': ` --token=a'b`.repeat(size / 12),
    'assignment names': 'a_'.repeat(size / 2),
    'key lines without an END': 'QUJD\n'.repeat(size / 5),
    'BEGIN markers without a key': '-----BEGIN A '.repeat(size / 13),
    'mysql words': 'mysql '.repeat(size / 6),
  };

  test.each(Object.entries(hostile))('%s: masked in linear time, and masking again changes nothing', (_name, input) => {
    const once = redactor.text(input);
    expect(redactor.text(once)).toBe(once);
    expect(redactor.argv([input, input])).toHaveLength(2);
  });
});

// S15: random text with planted tokens (shapes from the gitleaks rule set).
describe('S15 redactor property', () => {
  const alphanumeric = fc.stringMatching(/^[A-Za-z0-9]+$/);
  const token = fc.oneof(
    fc.stringMatching(/^[A-Z2-7]{16}$/).map((rest) => `AKIA${rest}`),
    fc.stringMatching(/^[A-Za-z0-9]{36}$/).map((rest) => `ghp_${rest}`),
    fc.stringMatching(/^[\w-]{20,30}$/).map((rest) => `glpat-${rest}`),
    fc.stringMatching(/^[0-9]{10,12}-[A-Za-z0-9]{12,24}$/).map((rest) => `xoxb-${rest}`),
    fc.tuple(alphanumeric, alphanumeric).map(([a, b]) => `eyJ${a.padEnd(10, 'x')}.eyJ${b.padEnd(10, 'y')}.sig`),
  );
  const secret = fc.stringMatching(/^[A-Za-z0-9!%^&(){}[\]<>?~+,.]{6,20}$/);
  const planted = fc.oneof(
    token.map((value) => ({line: value, secret: value.slice(5)})),
    secret.map((value) => ({line: `--password=${value}`, secret: value})),
    secret.map((value) => ({line: `API_TOKEN=${value}`, secret: value})),
    secret.map((value) => ({line: `https://deploy:${value}@example.com/x`, secret: value})),
    secret.map((value) => ({line: `Authorization: Basic ${value}`, secret: value})),
  );
  // Prose around the secrets: words, blanks and punctuation, never a secret's shape.
  const prose = fc.stringMatching(/^[a-z .,;:!?()\n-]{0,40}$/);

  it('never leaves a planted secret, is idempotent, and leaves text without secrets as it is', () => {
    fc.assert(
      fc.property(prose, planted, prose, (before, {line, secret: value}, after) => {
        const text = `${before} ${line} ${after}`;
        const once = redactor.text(text);
        expect(once).not.toContain(value);
        expect(redactor.text(once)).toBe(once);
      }),
      {numRuns: 500},
    );
    fc.assert(
      fc.property(prose, (text) => {
        expect(redactor.text(text)).toBe(text);
      }),
      {numRuns: 500},
    );
  });
});

describe('the gate in front of each pattern', () => {
  const inputs = builtinPatterns.flatMap((pattern) => pattern.examples.map((example) => example.input));
  // Texts near the secrets: random pieces of every example, and text over their alphabet.
  const nearSecrets = fc.oneof(
    fc.constantFrom(...inputs).chain((input) => fc.subarray([...input]).map((chars) => chars.join(''))),
    fc.string({unit: fc.constantFrom(...new Set(inputs.join(''))), maxLength: 80}),
  );

  it('never hides a match: text a pattern says it cannot match comes back unchanged', () => {
    fc.assert(
      fc.property(nearSecrets, (text) => {
        for (const pattern of builtinPatterns) if (!pattern.mayMatch(text)) expect(pattern.redact(text), pattern.id).toBe(text);
      }),
      {numRuns: 3000},
    );
  });

  it('lets every example with a secret through to its pattern', () => {
    for (const pattern of builtinPatterns) {
      for (const {input, redacted} of pattern.examples) if (redacted !== input) expect(pattern.mayMatch(input), `${pattern.id}: ${input}`).toBe(true);
    }
  });
});
