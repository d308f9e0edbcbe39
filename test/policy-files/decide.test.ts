import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadPolicy} from '../../src/policy-files/index.js';
import {decide, fired} from '../policy/fixture.js';
import {policySandbox, type PolicySandbox} from './fixture.js';

// Policy files loaded from disk, then the engine's decision: what layering means for a command.
let box: PolicySandbox;
let systemDir: string;
beforeEach(() => {
  box = policySandbox();
  systemDir = join(box.dir, 'etc-guard');
  mkdirSync(systemDir);
});
afterEach(() => box.remove());

const policy = async () => (await loadPolicy({cwd: box.project, env: box.env, systemDir})).policy;

describe('what the layers decide', () => {
  it('a project .guardrc that allows / does not let rm -rf / or a credential folder through', async () => {
    box.write('project/.guardrc', 'paths:\n  allow: ["/", "/**", "/home/dev/**", "~/**"]\n');
    const loaded = await policy();
    expect(fired(await decide('rm -rf /', loaded))).toContain('fs.rm-root@deny');
    expect(fired(await decide('rm -rf /home/dev/.ssh', loaded))).toContain('fs.credentials@deny');
    expect(fired(await decide('rm -rf /srv/app', loaded))).toContain('fs.protected-path@deny');
  });

  it('the system policy may allow what the built-in protection covers; a project may not', async () => {
    writeFileSync(join(systemDir, 'policy.yaml'), 'paths:\n  allow: ["/srv/app"]\n');
    expect(fired(await decide('rm -rf /srv/app', await policy()))).toEqual([]);
    writeFileSync(join(systemDir, 'policy.yaml'), '{}\n');
    box.write('project/.guardrc', 'paths:\n  allow: ["/srv/app"]\n');
    expect(fired(await decide('rm -rf /srv/app', await policy()))).toContain('fs.protected-path@deny');
  });

  it('a system rule marked overridable, lifted or lowered by a project, takes the project\'s level', async () => {
    writeFileSync(join(systemDir, 'policy.yaml'), 'rules:\n  - {id: ops.deploy, level: deny, reason: change board, overridable: true, match: {program: deploy-prod}}\n');
    expect(fired(await decide('deploy-prod --now', await policy()))).toEqual(['ops.deploy@deny']);
    box.write('project/.guardrc', 'rules:\n  - {id: ops.deploy, level: off, reason: this repo deploys itself}\n');
    expect(fired(await decide('deploy-prod --now', await policy()))).toEqual([]);
    box.write('project/.guardrc', 'rules:\n  - {id: ops.deploy, level: warn, reason: say so}\n');
    expect(fired(await decide('deploy-prod --now', await policy()))).toEqual(['ops.deploy@warn']);
  });

  it('a built-in overridable rule lowered by a project takes the new level', async () => {
    expect(fired(await decide('git reset --hard', await policy()))).toEqual(['git.reset-hard@confirm']);
    box.write('project/.guardrc', 'rules:\n  - {id: git.reset-hard, level: warn, reason: deploys reset}\n');
    expect(fired(await decide('git reset --hard', await policy()))).toEqual(['git.reset-hard@warn']);
  });

  it('a project can tighten: protect a path and add a rule', async () => {
    box.write('project/.guardrc', 'paths:\n  protect: ["/home/dev/proj/data"]\nrules:\n  - {id: ops.no-curl, level: deny, reason: no network here, match: {program: curl}}\n');
    const loaded = await policy();
    expect(fired(await decide('rm -rf data', loaded))).toEqual(['paths.protect@deny']);
    expect(fired(await decide('curl https://example.com', loaded))).toEqual(['ops.no-curl@deny']);
  });
});
