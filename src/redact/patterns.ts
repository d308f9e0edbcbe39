// The secrets guard recognizes on its own, as data: each pattern masks only the secret part
// of what it matches, so a stored line still reads as what it was (`PGPASSWORD=***`,
// `https://user:***@host`), and each carries examples that test/redact/ runs.
//
// Every pattern must stay linear on hostile input (a 64 KiB output tail): a match may only
// start where a word starts (a lookbehind of one character) or at a fixed marker (`://`,
// `-----BEGIN`), and no repeated group can match the same text two ways.

/** What a masked secret reads as. Masking it again leaves it as it is. */
export const mask = '***';

export interface SecretPattern {
  id: string;
  /** The text with this pattern's secrets masked. */
  redact(text: string): string;
  /**
   * False only when the pattern cannot match: a literal every match contains is missing.
   * Most of what guard stores (`true`, a path) has none, so no regular expression is
   * compiled or run for it; a test checks that `redact` leaves such text alone.
   */
  mayMatch(text: string): boolean;
  examples: ReadonlyArray<{input: string; redacted: string}>;
}

// A value as a shell or a config file writes it: quoted runs and bare characters, up to
// the next blank. The three branches start with different characters, so none backtracks.
const value = String.raw`(?:'[^'\n]*'|"[^"\n]*"|[^\s'"])+`;

// Flag names that take a secret: the keyword ends the name, so `--password-file PATH` and
// `--tokenizer x` keep their values; `--no-password` takes none.
export const secretFlag = String.raw`--?(?=[a-z])(?!no-)(?:[\w-]*[-_])?(?:password|passwd|pass|pwd|passphrase|token|secret|api[-_]?key|apikey|access[-_]?key|secret[-_]?key|private[-_]?key|client[-_]?secret)`;

// Variable names that hold a secret: PGPASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASS.
export const secretName = String.raw`(?:[A-Za-z0-9_]*(?:password|passwd|secret|token)|(?:[A-Za-z0-9_]*_)?(?:key|pass|pwd|apikey))`;

// The same secret inside one quoted word (`'--password=a b'`, as the `command` column quotes
// a word with a blank) runs to the closing quote, blanks and all. The bare forms start only
// after a blank, so they never run on past such a closing quote into the next word.
const quotedWord = (name: string): Array<[RegExp, string]> =>
  ["'", '"'].map((quote) => [new RegExp(String.raw`(?<=${quote})(${name}=)[^${quote}\n]+(?=${quote})`, 'gi'), `$1${mask}`]);

function replacing(...steps: Array<[RegExp, string]>): (text: string) => string {
  return (text) => steps.reduce((result, [regex, replacement]) => result.replace(regex, replacement), text);
}

// mysql, mysqldump and mysqladmin take the password glued to -p; elsewhere -p is a port,
// a path or a flag, so only the words after one of these programs on the same line count.
export const mysqlProgram = /(?<![\w.-])mysql(?:dump|admin)?(?![\w.-])/;
const gluedPassword = replacing([/(?<=')(-p)[^'\n]+(?=')/g, `$1${mask}`], [new RegExp(String.raw`(?<!\S)(-p)${value}`, 'g'), `$1${mask}`]);

function mysqlPasswords(text: string): string {
  return text.replace(/[^\n]+/g, (line) => {
    const at = line.search(mysqlProgram);
    return at === -1 ? line : line.slice(0, at) + gluedPassword(line.slice(at));
  });
}

const privateKeyMarker = (edge: 'BEGIN' | 'END') => `-----${edge} (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`;

export const builtinPatterns: readonly SecretPattern[] = [
  {
    // A whole key block, BEGIN to END; one the output stopped in the middle of runs to the end.
    id: 'private-key',
    mayMatch: (text) => text.includes('-----'),
    redact: replacing([
      new RegExp(String.raw`(?<begin>${privateKeyMarker('BEGIN')})[\s\S]*?(?:(?<end>${privateKeyMarker('END')})|$)`, 'g'),
      `$<begin>\n${mask}\n$<end>`,
    ]),
    examples: [
      {
        input: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq3Zy9+/a==\n-----END RSA PRIVATE KEY-----\ndone',
        redacted: `-----BEGIN RSA PRIVATE KEY-----\n${mask}\n-----END RSA PRIVATE KEY-----\ndone`,
      },
      {input: 'key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk', redacted: `key: -----BEGIN OPENSSH PRIVATE KEY-----\n${mask}\n`},
      {input: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----', redacted: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----'},
    ],
  },
  {
    // The second half of a key block at the very start of a text: an output tail whose cut
    // fell inside the key. Everything before its END line is key (or the cut BEGIN line).
    id: 'private-key-tail',
    mayMatch: (text) => text.includes('-----'),
    redact: replacing([
      new RegExp(String.raw`^(?:[^\n]*\n)?(?:[A-Za-z0-9+/=]*\r?\n)*[A-Za-z0-9+/=]*(?<end>${privateKeyMarker('END')})`, 'g'),
      `${mask}\n$<end>`,
    ]),
    examples: [
      {input: 'a9ZkQ1\nMIIEowIBAAKCAQEA7==\n-----END RSA PRIVATE KEY-----\nrestored', redacted: `${mask}\n-----END RSA PRIVATE KEY-----\nrestored`},
      {input: 'IVATE KEY-----\nMIIEowIBAAK\n-----END EC PRIVATE KEY-----', redacted: `${mask}\n-----END EC PRIVATE KEY-----`},
      {input: 'deploying\nrestarted web\n-----END RSA PRIVATE KEY-----', redacted: 'deploying\nrestarted web\n-----END RSA PRIVATE KEY-----'},
    ],
  },
  {
    // --password=VALUE, --api-key VALUE, -token=VALUE: the value, whatever its quoting.
    id: 'secret-flag',
    mayMatch: (text) => /pass|pwd|token|secret|key/i.test(text),
    redact: replacing(
      ...quotedWord(secretFlag),
      [new RegExp(String.raw`(?<!\S)(${secretFlag})(=|[ \t]+)${value}`, 'gi'), `$1$2${mask}`],
    ),
    examples: [
      {input: 'pg_dump --password=hunter2 db', redacted: `pg_dump --password=${mask} db`},
      {input: 'vault login --token hunter2 --method=token', redacted: `vault login --token ${mask} --method=token`},
      {input: "tool --db-passwd 'two words' --api-key=\"k 1\" --client_secret=s", redacted: `tool --db-passwd ${mask} --api-key=${mask} --client_secret=${mask}`},
      {input: "tool '--password=two words' next", redacted: `tool '--password=${mask}' next`},
      {input: 'psql --no-password db --password-file /etc/pw --tokenizer x', redacted: 'psql --no-password db --password-file /etc/pw --tokenizer x'},
    ],
  },
  {
    // -pSECRET of the mysql programs.
    id: 'mysql-password',
    mayMatch: (text) => text.includes('mysql'),
    redact: mysqlPasswords,
    examples: [
      {input: 'mysqldump -u root -phunter2 shop', redacted: `mysqldump -u root -p${mask} shop`},
      {input: "/usr/bin/mysql -uroot '-ptwo words' -P3306", redacted: `/usr/bin/mysql -uroot '-p${mask}' -P3306`},
      {input: 'mysqladmin -p status', redacted: 'mysqladmin -p status'},
      {input: 'mkdir -p build && tar -pxf a.tar', redacted: 'mkdir -p build && tar -pxf a.tar'},
    ],
  },
  {
    // PGPASSWORD=, *_TOKEN=, *_SECRET=, *_PASSWORD=, *_KEY= assignments, in argv, scripts and output.
    id: 'secret-assignment',
    mayMatch: (text) => text.includes('='),
    redact: replacing(
      ...quotedWord(secretName),
      [new RegExp(String.raw`(?<![\w$.\-'"])(${secretName}=)${value}`, 'gi'), `$1${mask}`],
    ),
    examples: [
      {input: 'PGPASSWORD=hunter2 psql -c "select 1"', redacted: `PGPASSWORD=${mask} psql -c "select 1"`},
      {input: 'export GITHUB_TOKEN="abc def" AWS_SECRET_ACCESS_KEY=wJalr/K7 DB_PASS=x', redacted: `export GITHUB_TOKEN=${mask} AWS_SECRET_ACCESS_KEY=${mask} DB_PASS=${mask}`},
      {input: "env 'API_SECRET=a b' ./deploy", redacted: `env 'API_SECRET=${mask}' ./deploy`},
      {input: 'monkey=3 keys=4 PATH=/usr/bin TOKENS_LEFT', redacted: 'monkey=3 keys=4 PATH=/usr/bin TOKENS_LEFT'},
    ],
  },
  {
    // The password of user:password@ in a URL; the user and host stay.
    id: 'url-password',
    mayMatch: (text) => text.includes('@'),
    redact: replacing([/(:\/\/[^\s:/@'"]*):[^\s/'"]+@/g, `$1:${mask}@`]),
    examples: [
      {input: 'pg_dump postgres://app:s3cr3t@db.internal:5432/shop', redacted: `pg_dump postgres://app:${mask}@db.internal:5432/shop`},
      {input: 'git clone https://:p@ss@git.example.com/repo', redacted: `git clone https://:${mask}@git.example.com/repo`},
      {input: 'https://git@example.com:8443/x http://host:8080/a', redacted: 'https://git@example.com:8443/x http://host:8080/a'},
    ],
  },
  {
    // Authorization: Bearer/Basic/Token …, and API-key headers.
    id: 'auth-header',
    mayMatch: (text) => text.includes(':'),
    redact: replacing([
      /(?<![\w-])((?:Proxy-)?Authorization|X-[\w-]*(?:Key|Token)|Private-Token)([ \t]*:[ \t]*(?:(?:Bearer|Basic|Token|Digest|Negotiate|Bot)[ \t]+)?)[^\s'"]+/gi,
      `$1$2${mask}`,
    ]),
    examples: [
      {input: "curl -H 'Authorization: Bearer abc.def.ghi' https://api", redacted: `curl -H 'Authorization: Bearer ${mask}' https://api`},
      {input: 'authorization:Basic dXNlcjpwYXNz', redacted: `authorization:Basic ${mask}`},
      {input: 'X-Api-Key: 12345 Private-Token: glp', redacted: `X-Api-Key: ${mask} Private-Token: ${mask}`},
    ],
  },
  {
    // AWS access key ids (long-lived AKIA…, temporary ASIA…).
    id: 'aws-access-key-id',
    mayMatch: (text) => /A3T|AKIA|ASIA|ABIA|ACCA/.test(text),
    redact: replacing([/(?<![A-Za-z0-9])(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g, `$1${mask}`]),
    examples: [
      {input: 'aws_access_key_id AKIAIOSFODNN7EXAMPLE', redacted: `aws_access_key_id AKIA${mask}`},
      {input: 'ASIAY34FZKBOKMUTVV7A,', redacted: `ASIA${mask},`},
      {input: 'AKIAIOSFODNN7EXAMPLEX AKIA123', redacted: 'AKIAIOSFODNN7EXAMPLEX AKIA123'},
    ],
  },
  {
    // GitHub tokens: personal (ghp_), OAuth (gho_), app (ghs_, ghu_), refresh (ghr_), fine-grained (github_pat_).
    id: 'github-token',
    mayMatch: (text) => text.includes('_'),
    redact: replacing([/(?<![\w-])(gh[pousr]_)[A-Za-z0-9]{30,}/g, `$1${mask}`], [/(?<![\w-])(github_pat_)\w{22,}/g, `$1${mask}`]),
    examples: [
      {input: 'GH=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', redacted: `GH=ghp_${mask}`},
      {input: 'gho_16C7e42F292c6912E7710c838347Ae178B4a and ghs_16C7e42F292c6912E7710c838347Ae178B4a', redacted: `gho_${mask} and ghs_${mask}`},
      {input: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWX', redacted: `github_pat_${mask}`},
      {input: 'ghp_short', redacted: 'ghp_short'},
    ],
  },
  {
    // GitLab personal access tokens.
    id: 'gitlab-token',
    mayMatch: (text) => text.includes('glpat-'),
    redact: replacing([/(?<![\w-])(glpat-)[\w-]{20,}/g, `$1${mask}`]),
    examples: [
      {input: 'token glpat-xvY2ZB1mGv_4eJ-7kQzP', redacted: `token glpat-${mask}`},
      {input: 'glpat-short', redacted: 'glpat-short'},
    ],
  },
  {
    // Slack bot, user, app, refresh and legacy tokens.
    id: 'slack-token',
    mayMatch: (text) => text.includes('xox'),
    redact: replacing([/(?<![\w-])(xox[bpars]-)[A-Za-z0-9-]{10,}/g, `$1${mask}`]),
    examples: [
      {input: 'SLACK xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', redacted: `SLACK xoxb-${mask}`},
      {input: 'xoxp-1234567890-abc', redacted: `xoxp-${mask}`},
      {input: 'xoxz-1234567890-abc', redacted: 'xoxz-1234567890-abc'},
    ],
  },
  {
    // JSON Web Tokens: header and payload are base64url JSON, so both start with eyJ.
    id: 'jwt',
    mayMatch: (text) => text.includes('eyJ'),
    redact: replacing([/(?<![\w-])eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/g, `eyJ${mask}`]),
    examples: [
      {
        input: 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U.',
        redacted: `jwt eyJ${mask}.`,
      },
      {input: 'eyJhbGciOiJIUzI1NiJ9 alone', redacted: 'eyJhbGciOiJIUzI1NiJ9 alone'},
    ],
  },
];
