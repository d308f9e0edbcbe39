import {describe, expect, test} from 'vitest';
import {analyzeArgv, analyzeScript} from '../../src/shell/index.js';
import {defaultPolicy} from '../../src/policy/defaults.js';
import {builtinHit, evaluate} from '../../src/policy/evaluate.js';
import type {BuiltinRule, Policy, Rule} from '../../src/policy/types.js';
import {context, decide, fired, shell} from './fixture.js';

const withPolicy = (change: (policy: Policy) => void): Policy => {
  const policy = defaultPolicy();
  change(policy);
  return policy;
};

describe('the contract', () => {
  test.each(['echo "rm -rf /"', "grep -r 'DROP TABLE' .", 'rm -rf ./build', 'git push --force-with-lease', 'rm -rf /tmp/guard-test.1234'])('does not refuse what is plainly safe: %j', async (command) => {
    const decision = await decide(command);
    expect(decision).toEqual({findings: [], verdict: 'allow'});
  });

  test('refuses rm -rf / with the contract’s own reason line', async () => {
    const decision = await decide('rm -rf /');
    expect(decision.verdict).toBe('deny');
    expect(decision.findings).toEqual([
      {rule: 'fs.rm-root', level: 'deny', reason: 'rm -rf / would delete the root filesystem', word: '/', command: 'rm -rf /', location: {line: 1, column: 1, text: 'rm -rf /', site: '0:0'}, alternative: 'delete an explicit path below /', source: 'built-in'},
    ]);
  });

  test('sees "$DIR/" with DIR unset as /, and says so', async () => {
    const [finding] = (await decide('rm -rf "$DIR/"')).findings;
    expect(finding).toMatchObject({rule: 'fs.rm-root', word: '"$DIR/"', reason: 'rm -rf / would delete the root filesystem ("$DIR/" is /)'});
  });

  test('an argv command is decided without the parser', () => {
    const analysis = analyzeArgv(['/bin/rm', '-r', '-f', '/'], shell);
    expect(analysis).not.toBeInstanceOf(Promise);
    expect(fired(evaluate(analysis as Awaited<typeof analysis>, defaultPolicy(), context))).toEqual(['fs.rm-root@deny']);
  });

  test('the verdict is the strongest level found', async () => {
    expect((await decide('git reset --hard')).verdict).toBe('confirm');
    expect((await decide('git reset --hard; rm -rf /')).verdict).toBe('deny');
    expect((await decide('ls')).verdict).toBe('allow');
  });
});

describe('what the shell layer could not see is refused', () => {
  test('a syntax error names line and column', async () => {
    const decision = await decide('echo ok\nrm -rf "/');
    expect(decision.verdict).toBe('deny');
    expect(decision.findings[0]).toMatchObject({rule: 'shell.syntax', level: 'deny', location: {line: 2, column: 10}});
    expect(decision.findings[0]!.reason).toMatch(/^the script does not parse at line 2, column 10/);
  });

  test('a program from a command substitution names the word', async () => {
    const [finding] = (await decide('$(cat ./tool) -rf ~')).findings;
    expect(finding).toMatchObject({rule: 'shell.dynamic-program', word: '$(cat ./tool)'});
  });

  test('a program spelled out by echo or printf is that program, judged as it', async () => {
    expect(fired(await decide('$(echo rm) -rf ~'))).toEqual(['fs.rm-home@deny']);
    expect(fired(await decide('$(printf rm) -rf ./build'))).toEqual([]);
    // Backticks take a level of backslashes away first: not worked out.
    expect(fired(await decide('`printf rm` -rf ./build'))).toEqual(['shell.dynamic-program@deny']);
  });

  test('code from a pipe is unanalysable', async () => {
    expect(fired(await decide('cat script | sh'))).toEqual(['shell.unanalysable@deny']);
  });

  // noteWrites skips working out what an append writes: the file stays unknown, whatever wrote it.
  test.each(["echo 'echo hi' >> ./x.sh; sh ./x.sh", 'cat ./a.sh >> ./x.sh; bash ./x.sh', 'echo hi &>> ./x.sh; sh ./x.sh', "echo 'echo hi' > ./x.sh; echo 'echo more' >> ./x.sh; sh ./x.sh"])(
    'a script appended to and then run is refused as written in parts: %j',
    async (command) => {
      const decision = await decide(command);
      expect(fired(decision)).toEqual(['shell.unanalysable@deny']);
      expect(decision.findings[0]!.reason).toMatch(/^\.\/x\.sh was written in parts \(appended to by `\.\/x\.sh`\)/);
    },
  );

  test('a script written whole and then run is read as written', async () => {
    expect(fired(await decide("echo 'echo hi' > ./x.sh; sh ./x.sh"))).toEqual([]);
    expect(fired(await decide("echo 'rm -rf /' > ./x.sh; sh ./x.sh"))).toContain('fs.rm-root@deny');
  });

  test('code nested too deeply is refused', async () => {
    const decision = evaluate(await analyzeScript(`bash -c "bash -c 'rm x'"`, {...shell, maxDepth: 1}), defaultPolicy(), context);
    expect(fired(decision)).toEqual(['shell.too-deep@deny']);
  });

  test('a script file that could not be read is refused by script.unreadable, naming the file', async () => {
    const analysis = {...(await analyzeScript('bash ./huge.sh', shell)), unread: [{file: './huge.sh', problem: '/home/dev/proj/huge.sh is over 1 MiB, too large to check'}]};
    const decision = evaluate(analysis, defaultPolicy(), context);
    expect(decision.verdict).toBe('deny');
    expect(decision.findings).toMatchObject([{rule: 'script.unreadable', level: 'deny', word: './huge.sh', reason: '/home/dev/proj/huge.sh is over 1 MiB, too large to check: guard cannot vouch for a script it cannot read'}]);
    const lowered = withPolicy((p) => (p.overrides['script.unreadable'] = {level: 'warn', source: '/etc/guard/policy.yaml'}));
    expect(fired(evaluate(analysis, lowered, context))).toEqual(['script.unreadable@warn']);
  });

  test('a refusal in a script file names the file', async () => {
    const decision = evaluate(await analyzeScript('echo start\nrm -rf "$TARGET"/\n', {...shell, file: '/srv/app/deploy.sh'}), defaultPolicy(), context);
    expect(decision.findings).toMatchObject([{rule: 'fs.rm-root', location: {file: '/srv/app/deploy.sh', line: 2, column: 1}}]);
  });
});

describe('packs and overrides', () => {
  test('a pack the policy turns off does not fire', async () => {
    const policy = withPolicy((p) => (p.packs.git = false));
    expect((await decide('git push --force', policy)).verdict).toBe('allow');
    expect((await decide('rm -rf /', policy)).verdict).toBe('deny');
  });

  test('turning the filesystem pack off leaves the policy’s own paths in force', async () => {
    const policy = withPolicy((p) => {
      p.packs.filesystem = false;
      p.paths.protect = ['/srv/data/**'];
    });
    expect((await decide('rm -rf /etc', policy)).verdict).toBe('allow');
    expect(fired(await decide('rm -rf /srv/data/x', policy))).toEqual(['paths.protect@deny']);
    expect(fired(await decide('rm -rf /', policy))).toEqual(['paths.protect@deny']);
  });

  test('an override lowers an overridable rule or turns it off', async () => {
    const lowered = withPolicy((p) => (p.overrides['git.reset-hard'] = {level: 'warn', source: '.guardrc'}));
    expect(fired(await decide('git reset --hard', lowered))).toEqual(['git.reset-hard@warn']);
    const off = withPolicy((p) => (p.overrides['git.clean-force'] = {level: 'off', source: '.guardrc'}));
    expect((await decide('git clean -fdx', off)).findings).toEqual([]);
  });

  test('an override cannot lower or lift a rule that is not overridable, but may raise one', async () => {
    const lifted = withPolicy((p) => {
      p.overrides['fs.rm-root'] = {level: 'off', source: '.guardrc'};
      p.overrides['git.push-force'] = {level: 'warn', source: '.guardrc'};
      p.overrides['git.reset-hard'] = {level: 'deny', source: '/etc/guard/policy.yaml'};
    });
    expect(fired(await decide('rm -rf /', lifted))).toEqual(['fs.rm-root@deny']);
    expect(fired(await decide('git push -f', lifted))).toEqual(['git.push-force@deny']);
    expect(fired(await decide('git reset --hard', lifted))).toEqual(['git.reset-hard@deny']);
  });
});

describe('the policy’s own rules', () => {
  const rule = (fields: Partial<Rule> & {match: Rule['match']}): Rule & {source: string} => ({id: 'site.rule', level: 'deny', reason: 'is not done here', source: '/etc/guard/policy.yaml', ...fields});

  test('match a program with a subcommand after options, and name the source', async () => {
    // contract: `helm uninstall` is now a built-in refusal (clusters.helm-uninstall, a cluster
    // deletion), so the site's own rule is shown on a verb no pack refuses.
    const policy = withPolicy((p) => p.rules.push(rule({match: {program: ['helm'], subcommand: ['rollback'], options: {takesValue: ['-n', '--namespace']}}})));
    const decision = await decide('helm -n prod rollback web', policy);
    expect(decision.findings).toMatchObject([{rule: 'site.rule', level: 'deny', word: 'rollback', source: '/etc/guard/policy.yaml', reason: 'helm rollback: is not done here'}]);
    expect((await decide('helm -n prod list', policy)).findings).toEqual([]);
  });

  test('read flags through the option spec: clusters, long forms, abbreviations', async () => {
    const policy = withPolicy((p) => p.rules.push(rule({match: {program: ['rsync'], allFlags: ['--delete'], noFlags: ['-n'], options: {long: ['delete', 'dry-run'], aliases: {'--dry-run': '-n'}}}})));
    expect(fired(await decide('rsync -a --del src/ dst/', policy))).toContain('site.rule@deny');
    expect(fired(await decide('rsync -a --delete --dry-run src/ dst/', policy))).not.toContain('site.rule@deny');
    const any = withPolicy((p) => p.rules.push(rule({match: {program: ['tar'], anyFlags: ['-x'], options: {long: ['extract'], aliases: {'--extract': '-x'}}}})));
    expect((await decide('tar -xzf a.tgz', any)).findings).toMatchObject([{rule: 'site.rule', word: '-xzf'}]);
    expect((await decide('tar --extract -f a.tgz', any)).findings).toMatchObject([{rule: 'site.rule', word: '--extract'}]);
    expect((await decide('tar -czf a.tgz .', any)).findings).toEqual([]);
  });

  test('operandsUnder resolves ~, relative paths and symlinks; an unknown operand counts as under', async () => {
    const policy = withPolicy((p) => p.rules.push(rule({match: {program: ['cp', 'scp'], operandsUnder: ['~/secrets/**', '/etc/**']}})));
    expect(fired(await decide('cp ~/secrets/key /tmp/', policy))).toContain('site.rule@deny');
    expect(fired(await decide('cd ~ && cp secrets/key /tmp/', policy))).toContain('site.rule@deny');
    expect(fired(await decide('cp /tmp/pm/link/passwd ./x', policy))).toContain('site.rule@deny');
    expect(fired(await decide('cp "$(ls | head -1)" ./x', policy))).toContain('site.rule@deny');
    expect(fired(await decide('cp ./a ./b', policy))).not.toContain('site.rule@deny');
  });

  test('a regex matches the normalized command text, never a quoted string of another command', async () => {
    const policy = withPolicy((p) => p.rules.push(rule({level: 'warn', match: {program: [], regex: '^npm publish\\b'}})));
    expect(fired(await decide("sudo npm   'publish' --tag next", policy))).toEqual(['site.rule@warn']);
    expect((await decide('echo "npm publish"', policy)).findings).toEqual([]);
    expect((await decide('echo "npm publish"', policy)).verdict).toBe('allow');
  });

  test('a warn-level rule lets the command through', async () => {
    const policy = withPolicy((p) => p.rules.push(rule({level: 'warn', match: {program: ['ls']}})));
    expect((await decide('ls', policy)).verdict).toBe('warn');
  });
});

describe('the policy’s paths', () => {
  test('paths.protect refuses writes and deletes there, and deleting a folder that holds it', async () => {
    const policy = withPolicy((p) => {
      p.paths.protect = ['/srv/data/**'];
      p.paths.sources = {'/srv/data/**': '/etc/guard/policy.yaml'};
    });
    for (const command of ['rm -f /srv/data/db.sqlite', 'echo x > /srv/data/file', 'echo x >> /srv/data/log', 'rm -rf /srv', 'rm -rf /srv/data']) {
      expect((await decide(command, policy)).findings.map((finding) => [finding.rule, finding.source]), command).toContainEqual(['paths.protect', '/etc/guard/policy.yaml']);
    }

    expect((await decide('rm -rf /srv/other/x', policy)).findings).toEqual([]);
  });

  test('paths.allow carves out of protect and of the soft default classes, never out of the hard ones', async () => {
    const policy = withPolicy((p) => {
      p.paths.protect = ['/srv/**'];
      p.paths.allow = ['/srv/app/**', '/usr/local/bin/**', '~/.cache/**', '/etc/**', '/dev/sda'];
    });
    expect((await decide('rm -rf /srv/app/cache', policy)).findings).toEqual([]);
    expect((await decide('install -m 755 tool /usr/local/bin/tool', policy)).findings).toEqual([]);
    expect((await decide('rm -rf ~/.cache', policy)).findings).toEqual([]);
    expect(fired(await decide('rm -rf /srv/db/x', policy))).toEqual(['paths.protect@deny']);
    expect(fired(await decide('dd if=x of=/dev/sda', policy))).toEqual(['devices.write@deny']);
    expect(fired(await decide('rm -rf /etc', policy))).toEqual(['fs.protected-path@deny']);
    expect(fired(await decide('rm -rf /', policy))).toContain('fs.rm-root@deny');
  });

  test('paths.confine lets destructive commands touch only the listed roots', async () => {
    const policy = withPolicy((p) => {
      p.paths.confine = ['/srv/app', '~/proj/build'];
      p.paths.sources = {'/srv/app': '/etc/guard/policy.yaml'};
    });
    expect((await decide('rm -rf /srv/app/releases/1 ./build/x', policy)).findings).toEqual([]);
    expect((await decide('echo x > /srv/app/current', policy)).findings).toEqual([]);
    expect((await decide('cat /etc/hosts > /dev/null && ls /home', policy)).findings).toEqual([]);
    expect((await decide('rm -rf /tmp/x', policy)).findings).toMatchObject([{rule: 'paths.confine', source: '/etc/guard/policy.yaml', word: '/tmp/x'}]);
    expect(fired(await decide('cp a /var/www/', policy))).toEqual(['paths.confine@deny']);
    expect(fired(await decide('rm -rf /srv/app/../other/db', policy))).toEqual(['paths.confine@deny']);
  });
});

describe('paths are checked as the link and as what it resolves to', () => {
  test('rm of a symlink removes the link; with a trailing slash or a glob, what it points to', async () => {
    expect((await decide('rm -rf /tmp/rootlink')).findings).toEqual([]);
    expect(fired(await decide('rm -rf /tmp/rootlink/'))).toEqual(['fs.rm-root@deny']);
    expect(fired(await decide('rm -rf /tmp/rootlink/*'))).toEqual(['fs.rm-root@deny']);
  });

  test('a write follows the link', async () => {
    expect(fired(await decide('echo x > /tmp/pm/link/hosts'))).toEqual(['fs.system-path@deny']);
  });

  test('merged /usr: /bin is protected as itself and as /usr/bin', async () => {
    expect((await decide('rm /bin')).findings[0]!.reason).toBe('rm /bin would delete /bin, a top-level system folder');
    expect(fired(await decide('rm -rf /usr/bin/'))).toEqual(['fs.protected-path@deny']);
    expect(fired(await decide('cp x /bin/'))).toEqual(['fs.system-path@deny']);
  });
});

describe('targets guard cannot know', () => {
  test('the reason names the word and why it is unknown', async () => {
    const [finding] = (await decide('for d in $(cat dirs.txt); do rm -rf "$d"; done')).findings;
    expect(finding).toMatchObject({rule: 'fs.unknown-target', word: '"$d"'});
    expect(finding!.reason).toMatch(/^rm -rf "\$d" would delete a path guard cannot know: "\$d" is not known \(.+\)$/);
  });

  test('a relative target after a cd that may have failed names the cd', async () => {
    const [finding] = (await decide('cd /srv/missing; rm -rf *')).findings;
    expect(finding!.reason).toContain('the working folder is not known (the previous cd may have failed');
  });

  test('an absolute target does not need the working folder', async () => {
    expect((await decide('cd /srv/missing; rm -rf /tmp/x')).findings).toEqual([]);
  });
});

describe('a fork bomb inside a code string', () => {
  test('is seen though its calls share the line and column of the sh -c that runs it', async () => {
    const {analyzeArgv} = await import('../../src/shell/index.js');
    const {evaluate} = await import('../../src/policy/evaluate.js');
    const {defaultPolicy} = await import('../../src/policy/defaults.js');
    const {context} = await import('./fixture.js');
    const analysis = await analyzeArgv(['sh', '-c', ':(){ :|:& };:'], shell);
    expect(evaluate(analysis, defaultPolicy(), context).findings.map((finding) => finding.rule)).toEqual(['system.fork-bomb']);
  });
});

describe('a built-in rule with its own check', () => {
  // The check runs only where the rest of the rule's match holds: a rule written with a check
  // and `noFlags: ['--dry-run']` must not fire on the dry run.
  const rule: BuiltinRule = {
    id: 'test.check-narrowed',
    level: 'deny',
    reason: 'drops the volume',
    pack: 'system',
    examples: () => ({allow: [], refuse: []}),
    match: {program: ['volctl'], subcommand: ['drop'], noFlags: ['--dry-run'], options: {long: ['dry-run']}},
    check: (command) => ({word: command.argv.at(-1)?.value ?? '', reason: 'drops the volume'}),
  };
  const hit = async (script: string) => {
    const analysis = await analyzeScript(script, shell);
    return builtinHit(rule, analysis.commands[0]!, context);
  };

  test('fires where the match holds', async () => {
    expect(await hit('volctl drop data')).toEqual({word: 'data', reason: 'drops the volume'});
  });

  test.each(['volctl drop --dry-run data', 'volctl list data', 'volctl --dry-run drop data'])('is not asked where the match fails: %j', async (script) => {
    expect(await hit(script)).toBeNull();
  });
});
