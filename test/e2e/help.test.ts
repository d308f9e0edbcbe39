import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exitStatus, exitStatusesOf, exitStatusTable, sharedExitCodes} from '../../src/exit-status.js';
import {PolicyError} from '../../src/policy/schema-errors.js';
import {dbFlag, policyFlag} from '../../src/cli/flag-spec.js';
import {guard, root, sandbox} from '../helpers/guard.js';

// Every command and topic the built CLI has, from the manifest it ships: a command added
// later is held to the same help without a line here.
interface ManifestCommand {
  examples?: string[];
  flags: Record<string, {helpValue?: string; summary?: string; type: string}>;
}

const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>};
const commands = Object.keys(manifest.commands).map((id) => id.split(':'));
const topics = [['policy']];

const box = sandbox();
afterAll(() => box.remove());
const env = {...box.env, HOME: box.dir};

describe('help', () => {
  // `guard help --help` is the top-level page, as oclif reads `help` as a request for help.
  const helped = commands.filter((words) => words[0] !== 'help');
  it.each(helped.flatMap((words) => [[words, '-h'], [words, '--help']]))('%j %s prints the command help with examples and exits 0', async (words, flag) => {
    const result = await guard([...words, flag], {env});
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain(`$ guard ${words.join(' ')}`);
    expect(result.stdout).toMatch(/\nEXAMPLES\n {2}\$ guard /);
  });

  it.each(helped)('guard help %s prints the same page as --help', async (...words) => {
    const [byHelp, byFlag] = await Promise.all([guard(['help', ...words], {env}), guard([...words, '--help'], {env})]);
    expect([byHelp.exitCode, byHelp.stderr]).toEqual([0, '']);
    expect(byHelp.stdout).toBe(byFlag.stdout);
  });

  it('gives each command at least one example, which the top-level and topic pages draw on', () => {
    for (const [id, command] of Object.entries(manifest.commands)) expect(command.examples?.length, id).toBeGreaterThan(0);
  });

  it.each([[[]], [['-h']], [['--help']], [['help']]])('guard %j prints the top-level help with examples and the exit-status table', async (args) => {
    const result = await guard(args, {env});
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('\nEXAMPLES\n  $ guard run --name backup --timeout 20m -- /usr/local/bin/backup.sh --full\n');
    expect(result.stdout).toContain('$ guard history --failed --since 7d');
    // The table as one line of words: help wraps the meanings to the screen.
    const section = String(result.stdout).split(/\nEXIT STATUS[^\n]*\n/)[1]!.replaceAll(/\s+/g, ' ');
    for (const {label, meaning} of exitStatusesOf('run')) expect(section).toContain(` ${label} ${meaning} `);
    expect(result.stdout).toContain(`EXIT STATUS (guard run; the other commands exit ${sharedExitCodes()} alike)`);
  });

  it.each(topics.flatMap((words) => [[words, '-h'], [words, '--help'], [words, 'help']]))('%j %s prints the topic with its commands and examples', async (words, how) => {
    const result = await guard(how === 'help' ? ['help', ...words] : [...words, how], {env});
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^Policy files: validate them, or show the effective policy/);
    expect(result.stdout).toContain('\nEXAMPLES\n  $ guard policy show\n\n  $ guard policy validate\n');
  });

  it('answers help for a command or topic that does not exist as a usage error', async () => {
    const result = await guard(['help', 'policy', 'nosuch'], {env});
    expect([result.exitCode, result.stderr, result.stdout]).toEqual([64, 'guard: unknown command policy nosuch; see guard policy --help', '']);
  });

  it('shows help for run and check, but never takes a -h after the command for guard', async () => {
    expect((await guard(['run', '--name', 'x', '-h', '--', 'true'], {env})).stdout).toContain('$ guard run [flags] -- CMD [ARGS...]');
    const passed = await guard(['run', '--', 'sh', '-c', 'echo "$1"', 'sh', '-h'], {env});
    expect([passed.exitCode, passed.stdout]).toEqual([0, '-h']);
  });
});

describe('the flags every command shares', () => {
  it('gives --db one definition in every command that takes it', () => {
    const takers = Object.entries(manifest.commands).filter(([, command]) => command.flags.db);
    expect(takers.map(([id]) => id).sort()).toEqual(['fleet:status', 'fleet:sync', 'history', 'locks', 'prune', 'run', 'show', 'stats', 'verify']);
    for (const [id, command] of takers) expect([id, command.flags.db!.helpValue, command.flags.db!.summary]).toEqual([id, dbFlag.helpValue, dbFlag.summary]);
  });

  it('gives --policy one name and value in every command that takes it', () => {
    const takers = Object.entries(manifest.commands).filter(([, command]) => command.flags.policy);
    expect(takers.map(([id]) => id).sort()).toEqual(['check', 'fleet:init', 'fleet:status', 'fleet:sync', 'locks', 'policy:show', 'run']);
    for (const [id, command] of takers) expect([id, command.flags.policy!.helpValue, command.flags.policy!.type]).toEqual([id, policyFlag.helpValue, 'option']);
  });

  it('gives --fleet to run and to every command that reads the log, always a switch', () => {
    const takers = Object.entries(manifest.commands).filter(([, command]) => command.flags.fleet);
    expect(takers.map(([id]) => id).sort()).toEqual(['history', 'locks', 'prune', 'run', 'show', 'stats', 'verify']);
    for (const [id, command] of takers) expect([id, command.flags.fleet!.type]).toEqual([id, 'boolean']);
  });
});

describe('the exit-status table', () => {
  it('names each status once, and gives every numbered one its number', () => {
    const names = exitStatusTable.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    for (const row of exitStatusTable) if (row.code !== undefined) expect([row.name, exitStatus[row.name as keyof typeof exitStatus]]).toEqual([row.name, row.code]);
  });

  it("is where a bad policy's error takes its status", () => {
    expect(new PolicyError('x').exitCode).toBe(exitStatus.policyInvalid);
  });

  it.each([
    ['run', ['run', '--help'], 'run'],
    ['show', ['show', '--help'], 'show'],
    ['verify', ['verify', '--help'], 'verify'],
  ] as const)('is what guard %s --help names its exit statuses from', async (_, args, scope) => {
    const result = await guard([...args], {env});
    const text = String(result.stdout).replaceAll(/\s+/g, ' ');
    const own = exitStatusTable.filter((row) => row.scope === scope);
    expect(own.length).toBeGreaterThan(0);
    for (const row of own) expect(text).toContain(scope === 'run' ? `${row.label} ${row.meaning}` : `${row.code} when`);
  });

  it("is the one oclif's own parse errors and unknown failures exit with", () => {
    const {exitCodes} = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {oclif: {exitCodes: Record<string, number>}}).oclif;
    const {default: fallback, ...parsing} = exitCodes;
    expect(fallback).toBe(exitStatus.internal);
    for (const [kind, status] of Object.entries(parsing)) expect([kind, status]).toEqual([kind, exitStatus.usage]);
  });
});
