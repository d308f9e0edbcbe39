import fc from 'fast-check';
import {describe, expect, it, test} from 'vitest';
import {builtinPatterns, mask} from '../../src/redact/patterns.js';
import {displayCommand} from '../../src/run/display.js';
import {createRedactor, redactStrings, redactWith} from '../../src/redact/redactor.js';

const redactor = createRedactor([]);

describe('every built-in secret pattern masks its examples', () => {
  const examples = builtinPatterns.flatMap((pattern) => pattern.examples().map((example) => [pattern.id, example.input, example.redacted, example.output ?? example.redacted] as const));

  test.each(examples)('%s: %j', (id, input, redacted, output) => {
    const pattern = builtinPatterns.find((candidate) => candidate.id === id)!;
    expect(redactWith(pattern, input, 'command'), 'as a command').toBe(redacted);
    expect(redactWith(pattern, redacted, 'command'), 'masking again changes nothing').toBe(redacted);
    expect(redactWith(pattern, input, 'output'), 'as output').toBe(output);
    expect(redactWith(pattern, output, 'output'), 'masking output again changes nothing').toBe(output);
  });

  it('gives every pattern a unique id and at least one example that masks something', () => {
    const ids = builtinPatterns.map((pattern) => pattern.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pattern of builtinPatterns) expect(pattern.examples().some((example) => example.input !== (example.output ?? example.redacted)), pattern.id).toBe(true);
  });

  it('leaves every example redacted by the whole redactor, and the whole redactor idempotent on it', () => {
    for (const {input} of builtinPatterns.flatMap((pattern) => pattern.examples())) {
      const once = redactor.text(input);
      expect(redactor.text(once), input).toBe(once);
      const output = redactor.output(input);
      expect(redactor.output(output), input).toBe(output);
    }
  });
});

// S8 argv secrets: the research plan's list, as guard receives it word by word.
describe('S8 argv secrets', () => {
  const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7yn3bRHQ5FHMQ\n-----END RSA PRIVATE KEY-----';

  it('masks the values of secret flags, glued or as the next word, and keeps every other word', () => {
    expect(redactor.argv(['pg_dump', '--password=hunter2', '--host', 'db', '--token', 'Tok2m8x', 'out.sql'])).toEqual([
      'pg_dump',
      `--password=${mask}`,
      '--host',
      'db',
      '--token',
      mask,
      'out.sql',
    ]);
  });

  it('keeps the word after a flag that only names a password it takes away or asks for', () => {
    expect(redactor.argv(['systemd-firstboot', '--delete-root-password', '--force', '--root-password', 'hunter2'])).toEqual(['systemd-firstboot', '--delete-root-password', '--force', '--root-password', mask]);
    expect(redactor.argv(['systemd-firstboot', '--prompt-root-password', '--hostname', 'web1'])).toEqual(['systemd-firstboot', '--prompt-root-password', '--hostname', 'web1']);
  });

  it('masks a value only up to a blank or an operator in it: such a word may be a script', () => {
    expect(redactor.argv(['tool', '--password=two words', '--token', 'x; rm -rf /data'])).toEqual(['tool', `--password=${mask} words`, '--token', `${mask}; rm -rf /data`]);
    expect(redactor.argv(['bash', '-c', 'eval "$@"', '_', '--token', 'x;rm -rf /data'])).toEqual(['bash', '-c', 'eval "$@"', '_', '--token', `${mask};rm -rf /data`]);
  });

  it('keeps every command of a script given to a shell, masking only the values', () => {
    expect(redactor.argv(['sh', '-c', 'echo --secret x|rm -f victim'])).toEqual(['sh', '-c', `echo --secret ${mask}|rm -f victim`]);
    expect(redactor.argv(['sh', '-c', 'DEPLOY_KEY=abc; rm -rf /data'])).toEqual(['sh', '-c', `DEPLOY_KEY=${mask}; rm -rf /data`]);
    expect(redactor.argv(['sh', '-c', 'TOKEN=x; rm -rf /data'])).toEqual(['sh', '-c', `TOKEN=${mask}; rm -rf /data`]);
    expect(redactor.argv(['sudo', 'sh', '-c', "PGPASSWORD='p w' pg_dump db>/tmp/db.sql&&curl -u ci:pw https://x"])).toEqual([
      'sudo',
      'sh',
      '-c',
      `PGPASSWORD='${mask} w' pg_dump db>/tmp/db.sql&&curl -u ci:${mask} https://x`,
    ]);
  });

  it('masks curl -u, sshpass -p and --password VALUE as argv words', () => {
    expect(redactor.argv(['curl', '-fsS', '-u', 'admin:hunter2', 'https://api'])).toEqual(['curl', '-fsS', '-u', `admin:${mask}`, 'https://api']);
    expect(redactor.argv(['sshpass', '-p', 'hunter2', 'ssh', '-p', '2222', 'host', 'uptime'])).toEqual(['sshpass', '-p', mask, 'ssh', '-p', '2222', 'host', 'uptime']);
    expect(redactor.argv(['sshpass', '-phunter2', 'ssh', 'host'])).toEqual(['sshpass', `-p${mask}`, 'ssh', 'host']);
  });

  it('masks -pSECRET only after a mysql program', () => {
    expect(redactor.argv(['sudo', '/usr/bin/mysqldump', '-uroot', '-phunter2', '-P3306', 'shop'])).toEqual(['sudo', '/usr/bin/mysqldump', '-uroot', `-p${mask}`, '-P3306', 'shop']);
    expect(redactor.argv(['mkdir', '-pbuild'])).toEqual(['mkdir', '-pbuild']);
  });

  it('masks assignments, URL passwords, headers and token shapes inside words', () => {
    const words = [
      'env',
      'DB_PASS=xy',
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

  it('keeps the command column (argv as typed into sh) what the masked argv reads as', () => {
    const argv = ['sh', '-c', "DEPLOY_KEY=abc; echo '--password=two words'|rm -f victim", '--token', 'x y', 'PGPASSWORD=a;b'];
    const shown = displayCommand(redactor.argv(argv));
    expect(shown).toBe(`sh -c 'DEPLOY_KEY=${mask}; echo '\\''--password=${mask} words'\\''|rm -f victim' --token '${mask} y' 'PGPASSWORD=${mask};b'`);
    expect(redactor.text(shown)).toBe(shown);
    expect(redactor.text(displayCommand(argv))).toBe(shown);
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

  it('mask inside one word, word by word without groups, and never a program the run starts', () => {
    const redact = createRedactor(['.+', 'rm.*', String.raw`user (\S+)`]);
    redact.protect(['sudo', 'rm', 'echo']);
    expect(redact.text('sudo rm -rf /data; echo x|/bin/rm y')).toBe(`sudo rm ${mask} ${mask}; echo ${mask}|/bin/rm ${mask}`);
    expect(redact.argv(['sudo', 'rm', '-rf', '/data'])).toEqual(['sudo', 'rm', mask, mask]);
    expect(createRedactor([String.raw`user (\S+)`]).text('login user a;b')).toBe(`login user ${mask};b`);
  });

  it('leave a key block line that is a program the run starts', () => {
    const block = (body: string) => `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    const redact = createRedactor([]);
    redact.protect(['-----BEGIN', '/tmp/evil', '-----END']);
    expect(redact.argv(['sh', '-c', block('/tmp/evil')])).toEqual(['sh', '-c', block('/tmp/evil')]);
    expect(redact.argv(['sh', '-c', block('MIIEowIBAAKCAQEA7')])).toEqual(['sh', '-c', block(mask)]);
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
    'curl -u without a colon': `curl${' -u a'.repeat(size / 5)}`,
    'curl users without a blank': `curl -u${'a:'.repeat(size / 2)}`,
    'sshpass options': `sshpass${' -v'.repeat(size / 3)}`,
    'sshpass words': 'sshpass '.repeat(size / 8),
    'JSON keys without values': '"password":'.repeat(size / 11),
    'JSON key words': '"xpassword'.repeat(size / 10),
    'YAML lines without a value': 'password:\n'.repeat(size / 10),
    'a YAML value of many words': `password: ${'a '.repeat(size / 2)}#`,
    'one long YAML key': `${'a'.repeat(size)}:`,
    'quoted values without their close': `--token='${'a '.repeat(size / 2)}`,
    'escapes and substitutions': 'DB_PASS=\\$($('.repeat(size / 12),
  };
  // A policy pattern without groups is matched word by word: linear however many words.
  const policy = createRedactor(['.+', String.raw`token=(\w+)`]);

  test.each(Object.entries(hostile))('%s: masked in linear time, and masking again changes nothing', (_name, input) => {
    const once = redactor.text(input);
    expect(redactor.text(once)).toBe(once);
    const output = redactor.output(input);
    expect(redactor.output(output)).toBe(output);
    expect(redactor.argv([input, input])).toHaveLength(2);
    expect(policy.text(input).length).toBeGreaterThan(0);
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
  // In output a secret may hold any character but a blank; in a command it ends at an operator.
  const outputSecret = fc.stringMatching(/^[A-Za-z0-9!%^&(){}[\]<>?~+,.;|`]{6,20}$/);
  const commandSecret = fc.stringMatching(/^[A-Za-z0-9!%^{}[\]?~+,.]{6,20}$/);
  const planted = (secret: fc.Arbitrary<string>) =>
    fc.oneof(
      token.map((value) => ({line: value, secret: value.slice(5)})),
      secret.map((value) => ({line: `--password=${value}`, secret: value})),
      secret.map((value) => ({line: `API_TOKEN=${value}`, secret: value})),
      secret.map((value) => ({line: `https://deploy:${value}@example.com/x`, secret: value})),
      secret.map((value) => ({line: `Authorization: Basic ${value}`, secret: value})),
      secret.map((value) => ({line: `curl -u deploy:${value} https://x`, secret: value})),
      secret.map((value) => ({line: `sshpass -p ${value} ssh host`, secret: value})),
      secret.map((value) => ({line: `{"db_password": "${value}"}`, secret: value})),
      secret.map((value) => ({line: `\npassword: s${value}\n`, secret: `s${value}`})),
    );
  // Prose around the secrets: words, blanks and punctuation, never a secret's shape.
  const prose = fc.stringMatching(/^[a-z .,;:!?()\n-]{0,40}$/);

  it('never leaves a planted secret in output, is idempotent, and leaves text without secrets as it is', () => {
    fc.assert(
      fc.property(prose, planted(outputSecret), prose, (before, {line, secret: value}, after) => {
        // fast-check favours words such as `length` in both: prose holding the secret's very
        // text is not a secret left behind (one run in some three hundred).
        fc.pre(!before.includes(value) && !after.includes(value));
        const text = `${before} ${line} ${after}`;
        const once = redactor.output(text);
        expect(once).not.toContain(value);
        expect(redactor.output(once)).toBe(once);
      }),
      {numRuns: 500},
    );
    fc.assert(
      fc.property(prose, (text) => {
        expect(redactor.output(text)).toBe(text);
        expect(redactor.text(text)).toBe(text);
      }),
      {numRuns: 500},
    );
  });

  it('never leaves a planted secret in a command when it holds no blank or operator', () => {
    fc.assert(
      fc.property(prose, planted(commandSecret), prose, (before, {line, secret: value}, after) => {
        fc.pre(!before.includes(value) && !after.includes(value));
        const text = `${before} ${line} ${after}`;
        const once = redactor.text(text);
        expect(once).not.toContain(value);
        expect(redactor.text(once)).toBe(once);
        expect(redactor.argv(['sh', '-c', text])[2]).toBe(once);
      }),
      {numRuns: 500},
    );
  });
});

// Pieces a hostile command line is made of: secrets' keys and shapes, quotes, escapes,
// substitutions, operators, and programs.
const pieces = [
  '--password', '--token ', '--api-key=', 'PGPASSWORD=', 'DB_PASS=', '"password": "', 'password: ', 'curl -u a:', 'curl --user ', 'sshpass -p ',
  'mysql -p', 'https://u:', '@h', 'Authorization: Bearer ', '-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----', 'AKIAIOSFODNN7EXAMPLE',
  `ghp_${'a1B2'.repeat(9)}`, 'acme-0badc0de', 'rm', 'reboot', '/tmp/evil', 'x', 'ab', "'", '"', '\\', '$', '$(', '`', '*', '=', ':', ' ', '\n', '\t',
  ';', '|', '&', '&&', '<', '>', '(', ')',
];
const hostileCommand = fc.array(fc.constantFrom(...pieces), {maxLength: 30}).map((parts) => parts.join(''));
const stops = (text: string) => text.replace(/[^\s;|&<>()`]/g, '');
const words = (text: string) => text.split(/[\s;|&<>()`]/);

describe('masking never hides the command', () => {
  const policy = createRedactor(['.+', 'rm.*', 'acme-[0-9a-f]{8}', String.raw`(\S+)\s+(\S+)`]);
  const programs = ['rm', 'reboot', '/tmp/evil', 'sh'];
  policy.protect(programs);

  it('keeps every blank, line break and operator, and every word naming a program, whatever the text and patterns', () => {
    fc.assert(
      fc.property(hostileCommand, (text) => {
        for (const masker of [redactor, policy]) {
          const once = masker.text(text);
          expect(stops(once)).toBe(stops(text));
          if (masker === policy) {
            const before = words(text);
            words(once).forEach((word, i) => {
              if (programs.includes(before[i]!.replace(/['"\\]/g, ''))) expect(word).toBe(before[i]);
            });
          }

          expect(masker.text(once)).toBe(once);
        }
      }),
      {numRuns: 3000},
    );
  });

  it('keeps argv word by word the same way, and the command column reads as the masked argv', () => {
    fc.assert(
      fc.property(fc.array(hostileCommand, {minLength: 1, maxLength: 5}), (argv) => {
        for (const masker of [redactor, policy]) {
          const masked = masker.argv(argv);
          expect(masked).toHaveLength(argv.length);
          masked.forEach((word, i) => expect(stops(word)).toBe(stops(argv[i]!)));
          expect(masker.argv(masked)).toEqual(masked);
          // The command column is the masked argv as typed into sh, masked again as a text
          // when stored: the built-in patterns find nothing more there. A word with a single
          // quote or a control character is spelled out (`'\''`, `$'\x09'`), and a pattern may
          // see more in that; it masks more then, never less.
          const shown = displayCommand(masked);
          if (masker === redactor && !/['\x00-\x1f]/.test(argv.join(''))) expect(masker.text(shown)).toBe(shown);
          expect(stops(masker.text(shown))).toBe(stops(shown));
        }
      }),
      {numRuns: 3000},
    );
  });
});

describe('the gate in front of each pattern', () => {
  const inputs = builtinPatterns.flatMap((pattern) => pattern.examples().map((example) => example.input));
  // Texts near the secrets: random pieces of every example, and text over their alphabet.
  const nearSecrets = fc.oneof(
    fc.constantFrom(...inputs).chain((input) => fc.subarray([...input]).map((chars) => chars.join(''))),
    fc.string({unit: fc.constantFrom(...new Set(inputs.join(''))), maxLength: 80}),
  );

  it('never hides a match: text a pattern says it cannot match comes back unchanged', () => {
    fc.assert(
      fc.property(nearSecrets, (text) => {
        for (const pattern of builtinPatterns) {
          if (pattern.mayMatch(text)) continue;
          for (const reading of ['command', 'output'] as const) expect([...pattern.secrets(text, reading)], `${pattern.id} ${reading}`).toEqual([]);
        }
      }),
      {numRuns: 3000},
    );
  });

  it('lets every example with a secret through to its pattern', () => {
    for (const pattern of builtinPatterns) {
      for (const {input, redacted, output} of pattern.examples()) if (redacted !== input || (output ?? input) !== input) expect(pattern.mayMatch(input), `${pattern.id}: ${input}`).toBe(true);
    }
  });
});
