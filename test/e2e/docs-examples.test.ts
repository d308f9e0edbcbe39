import {existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {bin, guard, root, sandbox} from '../helpers/guard.js';

// Every example in the README and docs/ runs here, as docs/development.md ("Examples in the
// documents") describes: yaml blocks validate in the layer their first line names, sh blocks
// run line by line through the built CLI in a sandbox and exit 0 or what their `# exits N`
// says, console blocks print exactly what follows their `$ ` line, crontab lines pass a dry
// run. A line that cannot run here says why with `# not run: REASON`.
vi.setConfig({testTimeout: 180_000});

const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
const languages = ['sh', 'console', 'yaml', 'crontab'];

/** Programs the examples name that this machine need not have: each is `true` under its own name. */
const standIns = ['kubectl', 'psql'];

type Block = {file: string; line: number; language: string; body: string};

function fencedBlocks(file: string): Block[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\S*)\s*$/.exec(lines[index]!);
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    if (end === -1) throw new Error(`${file}:${index + 1}: a code block is never closed`);
    found.push({file, line: index + 1, language: open[1]!, body: lines.slice(index + 1, end).join('\n')});
    index = end;
  }
  return found;
}

const blocks = documents.flatMap(fencedBlocks);
/** The README's quick start installs and runs the whole suite: readme.test.ts runs its guard part. */
const quickStart = blocks.find((block) => block.file === 'README.md' && block.language === 'sh');
const ofLanguage = (language: string) =>
  blocks.filter((block) => block.language === language && block !== quickStart).map((block) => [`${block.file}:${block.line}`, block] as const);

/** One command per line; a line ending in a backslash goes on on the next. Comment-only lines are prose. */
function commandLines(block: Block): Array<{line: number; text: string}> {
  const out: Array<{line: number; text: string}> = [];
  const lines = block.body.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let text = lines[index]!;
    const line = block.line + 1 + index;
    while (text.endsWith('\\') && index + 1 < lines.length) text = `${text.slice(0, -1)}${lines[++index]!.trimStart()}`;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    out.push({line, text});
  }
  return out;
}

/** The trailing comment of a shell line, as sh reads it: from the first `#` that starts a word outside quotes. */
function trailingComment(text: string): string {
  let quote = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = '';
      else if (char === '\\' && quote === '"') index++;
    } else if (char === '\\') index++;
    else if (char === "'" || char === '"') quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(text[index - 1]!))) return text.slice(index + 1);
  }
  return '';
}

/** The annotations of a line, read from its trailing comment. */
function annotations(text: string): {notRun?: string; exits: number} {
  const comment = trailingComment(text);
  const notRun = /^\s*not run:(.*)$/.exec(comment)?.[1]?.trim();
  const exits = /\bexits (\d+)\b/.exec(comment)?.[1];
  return {...(notRun === undefined ? {} : {notRun}), exits: exits === undefined ? 0 : Number(exits)};
}

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, blanks as hyphens. */
function headingAnchors(text: string): string[] {
  return [...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => match[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
}

let box: ReturnType<typeof sandbox>;
let work: string;
let env: Record<string, string>;
beforeEach(() => {
  box = sandbox();
  work = join(box.dir, 'work');
  const home = join(box.dir, 'home');
  const path = join(box.dir, 'bin');
  for (const folder of [work, home, path]) mkdirSync(folder, {recursive: true});
  symlinkSync(bin, join(path, 'guard'));
  for (const name of standIns) symlinkSync('/bin/true', join(path, name));
  env = {...box.env, HOME: home, PATH: [path, dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'), LANG: 'C.UTF-8'};
});
afterEach(() => box.remove());

const shell = (script: string) => execa('sh', ['-c', script], {cwd: work, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000});

describe('the examples in the README and docs/', () => {
  it('are fenced with a language this test runs', () => {
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.filter((block) => !languages.includes(block.language)).map((block) => `${block.file}:${block.line} \`\`\`${block.language}`)).toEqual([]);
  });

  it.each(documents.map((file) => [file]))('%s links only to files and headings that ship in the repository', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((link) => !/^https?:/.test(link));
    for (const link of links) {
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? join(root, file) : join(root, dirname(file), path);
      expect(existsSync(target), `${file}: ${link}`).toBe(true);
      if (anchor !== undefined) expect(headingAnchors(readFileSync(target, 'utf8')), `${file}: ${link}`).toContain(anchor);
    }
    // What a user has is this repository: no planning documents, no tracker, no other repository.
    expect(text.match(/\b(contract|DESIGN\.md|research|planning repo\w*|issue #?\d+)\b/gi) ?? [], file).toEqual([]);
  });

  it.each(ofLanguage('yaml'))('%s: the policy validates in its layer', async (_, block) => {
    const file = join(box.dir, 'policy.yaml');
    writeFileSync(file, block.body, {mode: 0o644});
    const header = block.body.split('\n')[0]!;
    const layer = header.includes('/etc/guard/') ? 'system' : header.includes('.config/guard/') ? 'user' : 'project';
    const result = await guard(['policy', 'validate', '--layer', layer, file], {cwd: box.dir, env: box.env});
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it.each(ofLanguage('yaml'))('%s: no value is cut short by a comment', (_, block) => {
    // YAML starts a comment at ` #`, so `alternative: ask #dba` means `ask`. Comments here are
    // written `# words`; a `#` glued to a word, outside quotes, is a value that needs quoting.
    const cut = block.body.split('\n').filter((line) => /(^|\s)#[^\s#]/.test(line.replace(/"[^"]*"|'[^']*'/g, '""')));
    expect(cut).toEqual([]);
  });

  it.each(ofLanguage('sh'))('%s: every command exits as it says', async (_, block) => {
    const lines = commandLines(block);
    expect(lines.length).toBeGreaterThan(0);
    for (const {line, text} of lines) {
      const {notRun, exits} = annotations(text);
      expect(notRun === undefined && /\bnot run\b/i.test(text), `${block.file}:${line}: a not-run comment this test cannot read`).toBe(false);
      if (notRun !== undefined) {
        expect(notRun.split(/\s+/).length, `${block.file}:${line}: a line not run says why`).toBeGreaterThanOrEqual(3);
        continue;
      }
      const result = await shell(text);
      expect({status: result.exitCode, line: `${block.file}:${line}`}, `${text}\n${result.stdout}\n${result.stderr}`).toEqual({status: exits, line: `${block.file}:${line}`});
    }
  });

  it.each(ofLanguage('console'))('%s: every command prints what follows it', async (_, block) => {
    const steps: Array<{line: number; text: string; output: string[]}> = [];
    block.body.split('\n').forEach((text, index) => {
      if (text.startsWith('$ ')) steps.push({line: block.line + 1 + index, text: text.slice(2), output: []});
      else if (steps.length > 0) steps.at(-1)!.output.push(text);
      else throw new Error(`${block.file}:${block.line}: a console block starts with its first \`$ \` command`);
    });
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      const result = await shell(`exec 2>&1\n${step.text}`);
      expect({line: `${block.file}:${step.line}`, status: result.exitCode, output: result.stdout.trimEnd()}).toEqual({
        line: `${block.file}:${step.line}`,
        status: annotations(step.text).exits,
        output: step.output.join('\n').trimEnd(),
      });
    }
  });

  it.each(ofLanguage('crontab'))('%s: every guard line passes a dry run', async (_, block) => {
    const jobs = block.body.split('\n').flatMap((text, index) => {
      const job = /^(?:@\w+|(?:\S+\s+){5})\s*(guard run .*)$/.exec(text);
      return job ? [{line: block.line + 1 + index, text: job[1]!.replace(/^guard run /, 'guard run --dry-run ')}] : [];
    });
    expect(jobs.length).toBeGreaterThan(0);
    for (const {line, text} of jobs) {
      const result = await shell(text);
      expect({status: result.exitCode, line: `${block.file}:${line}`}, `${text}\n${result.stderr}`).toEqual({status: annotations(text).exits, line: `${block.file}:${line}`});
      expect(result.stderr).toMatch(/^guard: dry run: allowed; nothing was run\n?$/);
    }
  });
});
