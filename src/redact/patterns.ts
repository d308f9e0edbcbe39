// The secrets guard recognizes on its own, as data: each pattern says where the secret part
// of what it matches is, so a stored line still reads as what it was (`PGPASSWORD=***`,
// `https://user:***@host`), and each carries examples that test/redact/ runs. What a mask
// may cover (never a shell word or operator in a command) is decided in spans.ts, for all.
//
// Every pattern must stay linear on hostile input (a 64 KiB output tail): a match may only
// start where a word starts (a lookbehind of one character), at a line's start, or at a
// fixed marker (`://`, `-----BEGIN`), and no repeated group can match the same text two ways.

import {mask, matchSpans, type Reading, type Span} from './spans.js';

export {mask, type Reading} from './spans.js';

export interface SecretPattern {
  id: string;
  /** Where the secrets of the text are, read as a command or as a program's output. */
  secrets(text: string, reading: Reading): Iterable<Span>;
  /**
   * False only when the pattern cannot match: a literal every match contains is missing.
   * Most of what guard stores (`true`, a path) has none, so no regular expression is
   * compiled or run for it; a test checks that such text is left alone.
   */
  mayMatch(text: string): boolean;
  /** `redacted` as a command line is masked; `output` when a program's output is masked further. */
  examples(): ReadonlyArray<{input: string; redacted: string; output?: string}>;
}

// How a secret value ends. In output, at the next blank unless quoted: a quoted value runs
// to its closing quote (the three branches start with different characters, so none
// backtracks). In a command, at the next blank or shell operator, quoted or not, so a match
// never runs on past where spans.ts cuts it, over the next secret. `start` is where a flag or
// an assignment may begin: a word's start, after a blank or an operator (or a quote, in a
// command: the quoted word may be a script).
interface Grammar {
  value: string;
  start: string;
  /** The characters that end a bare run (in a character class). */
  stop: string;
}

const grammars: Record<Reading, Grammar> = {
  output: {value: String.raw`(?:'[^'\n]*'|"[^"\n]*"|[^\s'"])+`, start: String.raw`(?<![^\s;|&()<>\x60])`, stop: String.raw`\s'"`},
  command: {value: String.raw`[^\s;|&<>()\x60]+`, start: String.raw`(?<![^\s;|&()<>\x60'"])`, stop: String.raw`\s'";|&<>()\x60`},
};

// Flag names that take a secret: the keyword ends the name, so `--password-file PATH` and
// `--tokenizer x` keep their values; `--no-password`, `--delete-root-password` and `--prompt-root-password` take none.
const secretFlag = String.raw`--?(?=[a-z])(?!no-|delete-root-|prompt-root-)(?:[\w-]*[-_])?(?:password|passwd|pass|pwd|passphrase|token|secret|api[-_]?key|apikey|access[-_]?key|secret[-_]?key|private[-_]?key|client[-_]?secret)`;

// Variable names that hold a secret: PGPASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASS, SSHPASS.
const secretName = String.raw`(?:[A-Za-z0-9_]*(?:password|passwd|secret|token)|(?:[A-Za-z0-9_]*_)?(?:key|pass|pwd|apikey)|sshpass)`;

// Keys of JSON and YAML that hold a secret: password, db_password, dbPassword, client_secret, access_token, apiKey.
const secretKey = String.raw`[\w.-]*(?:password|passwd|passphrase|secret|token|api[-_]?key|secret[-_]?key|access[-_]?key|private[-_]?key)`;

/** A regular expression that finds every match and where its groups are. */
const re = (source: string, flags = '') => new RegExp(source, `gd${flags}`);

type Finder = (text: string, reading: Reading) => Span[];

/**
 * The capture groups (the secret parts) of each match of the regexes built for the reading,
 * built on first use: a run whose texts no gate lets through builds none.
 */
function groupsOf(build: (grammar: Grammar, reading: Reading) => RegExp[]): Finder {
  const built: Partial<Record<Reading, RegExp[]>> = {};
  return (text, reading) => (built[reading] ??= build(grammars[reading], reading)).flatMap((regex) => [...matchSpans(regex, text)]);
}

// In output, the same secret inside one quoted word (`'--password=a b'`, as the `command`
// column quotes a word with a blank) runs to the closing quote.
const quotedWord = (name: string) => ["'", '"'].map((quote) => re(String.raw`(?<=${quote})${name}=([^${quote}\n]+)(?=${quote})`, 'i'));

/** Secrets only in the words after a program on the same line: mysql's -p, curl's -u, sshpass's -p. */
function afterProgram(program: RegExp, secrets: Finder): Finder {
  return (text, reading) => {
    const spans: Span[] = [];
    for (let start = 0; start < text.length; ) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      const line = text.slice(start, end);
      const at = line.search(program);
      if (at !== -1) for (const [from, to] of secrets(line.slice(at), reading)) spans.push([start + at + from, start + at + to]);
      start = end + 1;
    }

    return spans;
  };
}

// mysql, mysqldump and mysqladmin take the password glued to -p; elsewhere -p is a port,
// a path or a flag, so only the words after one of these programs on the same line count.
const mysqlProgram = /(?<![\w.-])mysql(?:dump|admin)?(?![\w.-])/;
const mysqlPassword = groupsOf(({start, value}, reading) =>
  reading === 'output' ? [/(?<=')-p([^'\n]+)(?=')/dg, re(String.raw`(?<!\S)-p(${value})`)] : [re(String.raw`${start}-p(${value})`)],
);

// curl's user:password (-u, --user, and -U, --proxy-user for the proxy): the user stays.
const curlProgram = /(?<![\w.-])curl(?![\w.-])/;
const curlFlag = String.raw`(?:-[uU][ \t]*|--(?:proxy-)?user(?:=|[ \t]+))`;
const curlUser = groupsOf(({start, stop, value}, reading) => [
  reading === 'output'
    ? re(String.raw`${start}${curlFlag}(?:'[^'\n:]*:([^'\n]+)'|"[^"\n:]*:([^"\n]+)"|[^${stop}:]*:(${value}))`)
    : re(String.raw`${start}${curlFlag}['"]?[^${stop}:]*:(${value})`),
]);

// sshpass's own options come before the command it runs: -p PASS or -pPASS among them is the
// password; -f, -d and -P take a value; the first word that is no option starts the command.
// Every sshpass of the line is read so: one inside a quoted value must not hide the next.
const sshpassProgram = /(?<![\w.-])sshpass(?![\w.-])/;
const sshpassValue = (reading: Reading) => new RegExp(grammars[reading].value, 'y');
function sshpassPassword(line: string, reading: Reading): Span[] {
  const spans: Span[] = [];
  for (const program of line.matchAll(new RegExp(sshpassProgram, 'g'))) {
    const word = /[ \t]+(\S+)/y;
    word.lastIndex = program.index + program[0].length;
    for (let match = word.exec(line); match; match = word.exec(line)) {
      const option = match[1]!;
      const at = match.index + match[0].length - option.length;
      if (option.startsWith('-p')) {
        const from = option === '-p' ? at + 2 + /^[ \t]*/.exec(line.slice(at + 2))![0].length : at + 2;
        const valueAt = sshpassValue(reading);
        valueAt.lastIndex = from;
        const found = valueAt.exec(line);
        if (found) spans.push([from, from + found[0].length]);
        break;
      }

      if (!option.startsWith('-')) break;
      if (/^-[fdP]$/.test(option)) word.exec(line);
    }
  }

  return spans;
}

const privateKeyMarker = (edge: 'BEGIN' | 'END') => `-----${edge} (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`;
// A key block, BEGIN to END; one the output stopped in the middle runs to the end, or to the next BEGIN.
const privateKeyBody = re(String.raw`${privateKeyMarker('BEGIN')}\r?\n?([\s\S]*?)\r?\n?(?:${privateKeyMarker('END')}|$|(?=${privateKeyMarker('BEGIN')}))`);
const privateKeyTail = re(String.raw`^([^\n]*(?:\n[A-Za-z0-9+/=]*\r?)*)\r?\n(?=${privateKeyMarker('END')})`);
const base64Line = /(?<![^\n])[A-Za-z0-9+/=]+(?=\r?\n|$)/g;

/**
 * In output the whole body between the markers is one secret. In a command each line of it
 * that is base64 is one: a mask never covers a line break, and a line that is no base64 (a
 * header, or a command) stays.
 */
function privateKeySecrets(text: string, reading: Reading): Span[] {
  const bodies = [...matchSpans(privateKeyBody, text)];
  if (reading === 'output') return bodies;
  return bodies.flatMap(([start, end]) => [...matchSpans(base64Line, text.slice(start, end), start)]);
}

const jsonOrYamlSecret = groupsOf((_grammar, reading) =>
  reading === 'output'
    ? [
        re(String.raw`(?<=")${secretKey}"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.)+)"`, 'i'),
        re(String.raw`^[ \t]*(?:-[ \t]+)?${secretKey}:[ \t]+(?:"((?:[^"\\\n]|\\.)+)"|'([^'\n]+)'|([^\s'"|>&*!#]\S*(?:[ \t]+[^\s#]\S*)*))`, 'im'),
      ]
    : [
        re(String.raw`(?<=")${secretKey}"[ \t]*:[ \t]*"([^"\s;|&<>()\x60]+)`, 'i'),
        re(String.raw`(?<![^\s'"])${secretKey}:[ \t]+['"]?([^\s'"|>&*!#;<()\x60][^\s;|&<>()\x60]*)`, 'i'),
      ],
);

// The schemes of an Authorization header: a word before the secret, never the secret.
const scheme = '(?:Bearer|Basic|Token|Digest|Negotiate|Bot)';

// Key blocks last: a mask inside a block's markers (a value that begins with `-----END`)
// then changes nothing the next time the text is masked.
export const builtinPatterns: readonly SecretPattern[] = [
  {
    // --password=VALUE, --api-key VALUE, -token=VALUE: the value, whatever its quoting.
    id: 'secret-flag',
    mayMatch: (text) => /pass|pwd|token|secret|key/i.test(text),
    secrets: groupsOf(({start, value}, reading) => [...(reading === 'output' ? quotedWord(secretFlag) : []), re(String.raw`${start}${secretFlag}(?:=|[ \t]+)(${value})`, 'i')]),
    examples() {
      return [
        {input: 'pg_dump --password=hunter2 db', redacted: `pg_dump --password=${mask} db`},
        {input: 'vault login --token hunter2 --method=token', redacted: `vault login --token ${mask} --method=token`},
        {input: "sh -c 'mysql --password hunter2 shop'", redacted: `sh -c 'mysql --password ${mask} shop'`},
        {
          input: "tool --db-passwd 'two words' --api-key=\"k 1\" --client_secret=s",
          redacted: `tool --db-passwd '${mask} words' --api-key="${mask} 1" --client_secret=${mask}`,
          output: `tool --db-passwd ${mask} --api-key=${mask} --client_secret=${mask}`,
        },
        {input: "tool '--password=two words' next", redacted: `tool '--password=${mask} words' next`, output: `tool '--password=${mask}' next`},
        {input: "sh -c 'echo --secret x|rm -f victim'", redacted: `sh -c 'echo --secret ${mask}|rm -f victim'`, output: `sh -c 'echo --secret ${mask} -f victim'`},
        {input: 'x;--token=$(cat /run/token) && --token `cat f`', redacted: 'x;--token=$(cat /run/token) && --token `cat f`', output: `x;--token=${mask} /run/token) && --token ${mask} f\``},
        {input: 'psql --no-password db --password-file /etc/pw --tokenizer x', redacted: 'psql --no-password db --password-file /etc/pw --tokenizer x'},
      ];
    },
  },
  {
    // -pSECRET of the mysql programs.
    id: 'mysql-password',
    mayMatch: (text) => text.includes('mysql'),
    secrets: afterProgram(mysqlProgram, mysqlPassword),
    examples() {
      return [
        {input: 'mysqldump -u root -phunter2 shop', redacted: `mysqldump -u root -p${mask} shop`},
        {input: "/usr/bin/mysql -uroot '-ptwo words' -P3306", redacted: `/usr/bin/mysql -uroot '-p${mask} words' -P3306`, output: `/usr/bin/mysql -uroot '-p${mask}' -P3306`},
        {input: 'mysql -pp4ss;rm -rf /data', redacted: `mysql -p${mask};rm -rf /data`, output: `mysql -p${mask} -rf /data`},
        {input: 'mysqladmin -p status', redacted: 'mysqladmin -p status'},
        {input: 'mkdir -p build && tar -pxf a.tar', redacted: 'mkdir -p build && tar -pxf a.tar'},
      ];
    },
  },
  {
    // PGPASSWORD=, *_TOKEN=, *_SECRET=, *_PASSWORD=, *_KEY= assignments, in argv, scripts and output.
    id: 'secret-assignment',
    mayMatch: (text) => text.includes('='),
    secrets: groupsOf(({value}, reading) =>
      reading === 'output' ? [...quotedWord(secretName), re(String.raw`(?<![\w$.\-*'"])${secretName}=(${value})`, 'i')] : [re(String.raw`(?<![\w$.\-*])${secretName}=(${value})`, 'i')],
    ),
    examples() {
      return [
        {input: 'PGPASSWORD=hunter2 psql -c "select 1"', redacted: `PGPASSWORD=${mask} psql -c "select 1"`},
        {
          input: 'export GITHUB_TOKEN="abc def" AWS_SECRET_ACCESS_KEY=wJalr/K7 DB_PASS=x SSHPASS=y',
          redacted: `export GITHUB_TOKEN="${mask} def" AWS_SECRET_ACCESS_KEY=${mask} DB_PASS=${mask} SSHPASS=${mask}`,
          output: `export GITHUB_TOKEN=${mask} AWS_SECRET_ACCESS_KEY=${mask} DB_PASS=${mask} SSHPASS=${mask}`,
        },
        {input: "env 'API_SECRET=a b' ./deploy", redacted: `env 'API_SECRET=${mask} b' ./deploy`, output: `env 'API_SECRET=${mask}' ./deploy`},
        {input: "sh -c 'DEPLOY_KEY=abc; rm -rf /data'", redacted: `sh -c 'DEPLOY_KEY=${mask}; rm -rf /data'`, output: `sh -c 'DEPLOY_KEY=${mask}'`},
        {input: "sh -c 'echo x'DB_PASS=a; rm -rf /data; echo 'y'", redacted: `sh -c 'echo x'DB_PASS=${mask}; rm -rf /data; echo 'y'`, output: `sh -c 'echo x'DB_PASS=${mask}'y'`},
        {input: 'API_TOKEN="$(vault read x; rm -rf /data)" run', redacted: 'API_TOKEN="$(vault read x; rm -rf /data)" run', output: `API_TOKEN=${mask} run`},
        {input: 'API_TOKEN=a\\;b DB_PASS=c&&reboot', redacted: `API_TOKEN=${mask}\\;b DB_PASS=${mask}&&reboot`, output: `API_TOKEN=${mask} DB_PASS=${mask}`},
        {input: 'monkey=3 keys=4 PATH=/usr/bin TOKENS_LEFT', redacted: 'monkey=3 keys=4 PATH=/usr/bin TOKENS_LEFT'},
      ];
    },
  },
  {
    // The password of user:password@ in a URL; the user and host stay.
    id: 'url-password',
    mayMatch: (text) => text.includes('@'),
    secrets: groupsOf(({stop}) => [re(String.raw`:\/\/[^${stop}:/@]*:([^${stop}/]+)@`)]),
    examples() {
      return [
        {input: 'pg_dump postgres://app:s3cr3t@db.internal:5432/shop', redacted: `pg_dump postgres://app:${mask}@db.internal:5432/shop`},
        {input: 'git clone https://:p@ss@git.example.com/repo', redacted: `git clone https://:${mask}@git.example.com/repo`},
        {input: 'curl https://u:pw;rm@h', redacted: 'curl https://u:pw;rm@h', output: `curl https://u:${mask}@h`},
        {input: 'https://git@example.com:8443/x http://host:8080/a', redacted: 'https://git@example.com:8443/x http://host:8080/a'},
      ];
    },
  },
  {
    // Authorization: Bearer/Basic/Token …, and API-key headers. The scheme is never the secret.
    id: 'auth-header',
    mayMatch: (text) => text.includes(':'),
    secrets: groupsOf(({stop}) => [
      re(String.raw`(?<![\w-])(?:(?:Proxy-)?Authorization|X-[\w-]*(?:Key|Token)|Private-Token)[ \t]*:[ \t]*(?:${scheme}[ \t]+)?(?!${scheme}(?![\w-]))([^${stop}]+)`, 'i'),
    ]),
    examples() {
      return [
        {input: "curl -H 'Authorization: Bearer abc.def.ghi' https://api", redacted: `curl -H 'Authorization: Bearer ${mask}' https://api`},
        {input: 'authorization:Basic dXNlcjpwYXNz', redacted: `authorization:Basic ${mask}`},
        {input: 'X-Api-Key: 12345 Private-Token: glp', redacted: `X-Api-Key: ${mask} Private-Token: ${mask}`},
        {input: 'Authorization: Bearer x;reboot', redacted: `Authorization: Bearer ${mask};reboot`, output: `Authorization: Bearer ${mask}`},
      ];
    },
  },
  {
    // curl -u user:password, --user, and the proxy's -U/--proxy-user: the password alone.
    id: 'curl-user',
    mayMatch: (text) => text.includes('curl'),
    secrets: afterProgram(curlProgram, curlUser),
    examples() {
      return [
        {input: 'curl -u admin:hunter2 https://api', redacted: `curl -u admin:${mask} https://api`},
        {input: 'curl -fsS --user deploy:pa:ss -U proxy:pw2 https://api', redacted: `curl -fsS --user deploy:${mask} -U proxy:${mask} https://api`},
        {input: "/usr/bin/curl -uadmin:hunter2 --user 'ci:two words' x", redacted: `/usr/bin/curl -uadmin:${mask} --user 'ci:${mask} words' x`, output: `/usr/bin/curl -uadmin:${mask} --user 'ci:${mask}' x`},
        {input: 'curl -u admin:x|sh', redacted: `curl -u admin:${mask}|sh`, output: `curl -u admin:${mask}`},
        {input: 'curl -u admin --user-agent a:b https://api', redacted: 'curl -u admin --user-agent a:b https://api'},
        {input: 'docker run -u 1000:1000 img', redacted: 'docker run -u 1000:1000 img'},
      ];
    },
  },
  {
    // sshpass -p PASS or -pPASS, before the command it runs, which stays.
    id: 'sshpass-password',
    mayMatch: (text) => text.includes('sshpass'),
    secrets: afterProgram(sshpassProgram, sshpassPassword),
    examples() {
      return [
        {input: 'sshpass -p hunter2 ssh -p 2222 backup@host uptime', redacted: `sshpass -p ${mask} ssh -p 2222 backup@host uptime`},
        {input: 'sshpass -v -f /dev/null -phunter2 scp a host:b', redacted: `sshpass -v -f /dev/null -p${mask} scp a host:b`},
        {input: "sshpass -p 'two words' ssh host", redacted: `sshpass -p '${mask} words' ssh host`, output: `sshpass -p ${mask} ssh host`},
        {input: 'sshpass -p x;rm -rf /data', redacted: `sshpass -p ${mask};rm -rf /data`, output: `sshpass -p ${mask} -rf /data`},
        {input: 'sshpass -e ssh -p 22 host', redacted: 'sshpass -e ssh -p 22 host'},
      ];
    },
  },
  {
    // "password": "…" in JSON, password: … in YAML (db_password, client_secret, access_token…).
    // In a command the key may start any word: a YAML line there is quoted (`printf 'password: x'`).
    id: 'secret-key-value',
    mayMatch: (text) => text.includes(':') && /pass|pwd|token|secret|key/i.test(text),
    secrets: jsonOrYamlSecret,
    examples() {
      return [
        {input: '{"user": "app", "password": "hunter2", "access_token":"a.b"}', redacted: `{"user": "app", "password": "${mask}", "access_token":"${mask}"}`},
        {input: '{"db_password": "two words"}', redacted: `{"db_password": "${mask} words"}`, output: `{"db_password": "${mask}"}`},
        {input: 'db:\n  user: app\n  password: hunter2\n  db_password: "x y" # quoted\n- apiKey: k1', redacted: `db:\n  user: app\n  password: ${mask}\n  db_password: "${mask} y" # quoted\n- apiKey: ${mask}`, output: `db:\n  user: app\n  password: ${mask}\n  db_password: "${mask}" # quoted\n- apiKey: ${mask}`},
        {input: "printf '%s\\n' 'db_password: p4ss' \"token: 'x'\"", redacted: `printf '%s\\n' 'db_password: ${mask}' "token: '${mask}'"`, output: "printf '%s\\n' 'db_password: p4ss' \"token: 'x'\""},
        {input: 'password: correct horse # comment', redacted: `password: ${mask} horse # comment`, output: `password: ${mask} # comment`},
        {input: '{"password_hash": "x", "tokens": 3}\npassword:\n  sub: x\npassword: |', redacted: '{"password_hash": "x", "tokens": 3}\npassword:\n  sub: x\npassword: |'},
        {input: 'Your password: was changed', redacted: `Your password: ${mask} changed`, output: 'Your password: was changed'},
      ];
    },
  },
  {
    // AWS access key ids (long-lived AKIA…, temporary ASIA…).
    id: 'aws-access-key-id',
    mayMatch: (text) => /A3T|AKIA|ASIA|ABIA|ACCA/.test(text),
    secrets: groupsOf(() => [/(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)([A-Z2-7]{16})(?![A-Za-z0-9])/dg]),
    examples() {
      return [
        {input: 'aws_access_key_id AKIAIOSFODNN7EXAMPLE', redacted: `aws_access_key_id AKIA${mask}`},
        {input: 'ASIAY34FZKBOKMUTVV7A,', redacted: `ASIA${mask},`},
        {input: 'AKIAIOSFODNN7EXAMPLEX AKIA123', redacted: 'AKIAIOSFODNN7EXAMPLEX AKIA123'},
      ];
    },
  },
  {
    // GitHub tokens: personal (ghp_), OAuth (gho_), app (ghs_, ghu_), refresh (ghr_), fine-grained (github_pat_).
    id: 'github-token',
    mayMatch: (text) => text.includes('_'),
    secrets: groupsOf(() => [/(?<![\w-])gh[pousr]_([A-Za-z0-9]{30,})/dg, /(?<![\w-])github_pat_(\w{22,})/dg]),
    examples() {
      return [
        {input: 'GH=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', redacted: `GH=ghp_${mask}`},
        {input: 'gho_16C7e42F292c6912E7710c838347Ae178B4a and ghs_16C7e42F292c6912E7710c838347Ae178B4a', redacted: `gho_${mask} and ghs_${mask}`},
        {input: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWX', redacted: `github_pat_${mask}`},
        {input: 'ghp_short', redacted: 'ghp_short'},
      ];
    },
  },
  {
    // GitLab personal access tokens.
    id: 'gitlab-token',
    mayMatch: (text) => text.includes('glpat-'),
    secrets: groupsOf(() => [/(?<![\w-])glpat-([\w-]{20,})/dg]),
    examples() {
      return [
        {input: 'token glpat-xvY2ZB1mGv_4eJ-7kQzP', redacted: `token glpat-${mask}`},
        {input: 'glpat-short', redacted: 'glpat-short'},
      ];
    },
  },
  {
    // Slack bot, user, app, refresh and legacy tokens.
    id: 'slack-token',
    mayMatch: (text) => text.includes('xox'),
    secrets: groupsOf(() => [/(?<![\w-])xox[bpars]-([A-Za-z0-9-]{10,})/dg]),
    examples() {
      return [
        {input: 'SLACK xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', redacted: `SLACK xoxb-${mask}`},
        {input: 'xoxp-1234567890-abc', redacted: `xoxp-${mask}`},
        {input: 'xoxz-1234567890-abc', redacted: 'xoxz-1234567890-abc'},
      ];
    },
  },
  {
    // JSON Web Tokens: header and payload are base64url JSON, so both start with eyJ.
    id: 'jwt',
    mayMatch: (text) => text.includes('eyJ'),
    secrets: groupsOf(() => [/(?<![\w-])eyJ([\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*)/dg]),
    examples() {
      return [
        {
          input: 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U.',
          redacted: `jwt eyJ${mask}.`,
        },
        {input: 'eyJhbGciOiJIUzI1NiJ9 alone', redacted: 'eyJhbGciOiJIUzI1NiJ9 alone'},
      ];
    },
  },
  {
    id: 'private-key',
    mayMatch: (text) => text.includes('-----'),
    secrets: privateKeySecrets,
    examples() {
      return [
        {
          input: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq3Zy9+/a==\n-----END RSA PRIVATE KEY-----\ndone',
          redacted: `-----BEGIN RSA PRIVATE KEY-----\n${mask}\n${mask}\n-----END RSA PRIVATE KEY-----\ndone`,
          output: `-----BEGIN RSA PRIVATE KEY-----\n${mask}\n-----END RSA PRIVATE KEY-----\ndone`,
        },
        {input: 'key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk', redacted: `key: -----BEGIN OPENSSH PRIVATE KEY-----\n${mask}`},
        {
          input: '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----',
          redacted: `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n${mask}\n-----END RSA PRIVATE KEY-----`,
          output: `-----BEGIN RSA PRIVATE KEY-----\n${mask}\n-----END RSA PRIVATE KEY-----`,
        },
        {
          input: "sh -c '-----BEGIN RSA PRIVATE KEY-----\nrm -rf /data\n-----END RSA PRIVATE KEY-----'",
          redacted: "sh -c '-----BEGIN RSA PRIVATE KEY-----\nrm -rf /data\n-----END RSA PRIVATE KEY-----'",
          output: `sh -c '-----BEGIN RSA PRIVATE KEY-----\n${mask}\n-----END RSA PRIVATE KEY-----'`,
        },
        {input: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----', redacted: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----'},
      ];
    },
  },
  {
    // The second half of a key block at the very start of an output: a tail whose cut fell
    // inside the key. Everything before its END line is key (or the cut BEGIN line).
    id: 'private-key-tail',
    mayMatch: (text) => text.includes('-----'),
    secrets: (text, reading) =>
      reading === 'output' ? [...matchSpans(privateKeyTail, text)] : [],
    examples() {
      return [
        {input: 'a9ZkQ1\nMIIEowIBAAKCAQEA7==\n-----END RSA PRIVATE KEY-----\nrestored', redacted: 'a9ZkQ1\nMIIEowIBAAKCAQEA7==\n-----END RSA PRIVATE KEY-----\nrestored', output: `${mask}\n-----END RSA PRIVATE KEY-----\nrestored`},
        {input: 'IVATE KEY-----\nMIIEowIBAAK\n-----END EC PRIVATE KEY-----', redacted: 'IVATE KEY-----\nMIIEowIBAAK\n-----END EC PRIVATE KEY-----', output: `${mask}\n-----END EC PRIVATE KEY-----`},
        {input: 'deploying\nrestarted web\n-----END RSA PRIVATE KEY-----', redacted: 'deploying\nrestarted web\n-----END RSA PRIVATE KEY-----'},
      ];
    },
  },
];
