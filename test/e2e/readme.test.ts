import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {guard, root, sandbox} from '../helpers/guard.js';

// The README's policy examples are what people copy: each must validate as written, in the
// layer its first line names (`# /etc/guard/policy.yaml` is the system's, `# .guardrc.yaml` a project's).
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

describe('the README', () => {
  it('has policy examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((example) => [example.split('\n')[0], example]))('validates the policy example that starts %s', async (_, example) => {
    const file = join(box.dir, 'policy.yaml');
    writeFileSync(file, example, {mode: 0o644});
    const header = example.split('\n')[0]!;
    const layer = header.includes('/etc/guard/') ? 'system' : header.includes('.config/guard/') ? 'user' : 'project';
    const result = await guard(['policy', 'validate', '--layer', layer, file], {cwd: box.dir, env: box.env});
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('lists every exit status of the contract in its exit-status table', () => {
    const table = readme.slice(readme.indexOf('### Exit status'), readme.indexOf('### How a run is controlled'));
    for (const status of ['128+N', '124', '126 / 127', '64', '70', '74', '75', '77', '78']) expect(table).toContain(`| ${status} |`);
  });
});
