import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {readCodeFile} from '../../src/inspect/code-file.js';
import {fileAccess} from '../../src/inspect/files.js';
import {resolvePath} from '../../src/inspect/resolve-path.js';
import {Journal} from '../../src/run/decision-cache.js';

// What a decision asked of the file system, written down for a later run to ask again
// (src/run/decision-cache.ts). A file that changed between two reads of one walk leaves the
// walk judging one text while the journal holds the other: such a decision is never kept.
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guard-journal-'));
});
afterEach(() => rmSync(dir, {force: true, recursive: true}));

const recorded = (journal: Journal) => journal.record({files: fileAccess({PATH: '/usr/bin:/bin'}), resolvePath, readFile: readCodeFile, scriptFile: () => undefined, folder: () => undefined});

describe('the journal of one decision', () => {
  it('keeps each question once with its answer', () => {
    const journal = new Journal();
    const machine = recorded(journal);
    const file = join(dir, 'lib.sh');
    writeFileSync(file, `echo ${'x'.repeat(200)}\n`);
    expect(machine.files.script(file)).toEqual({text: `echo ${'x'.repeat(200)}\n`});
    machine.files.script(file);
    expect(machine.resolvePath('./lib.sh', dir)).toEqual({lexical: file, resolved: file});
    expect([...journal.asked.keys()]).toEqual([JSON.stringify(['script', file]), JSON.stringify(['resolvePath', './lib.sh', dir])]);
    expect([...journal.asked.values()]).toEqual([JSON.stringify({text: `echo ${'x'.repeat(200)}\n`}), JSON.stringify({lexical: file, resolved: file})]);
    expect(journal.unsound).toBe(false);
  });

  it('a file read twice that changed in between makes the decision one not to keep', () => {
    const journal = new Journal();
    const machine = recorded(journal);
    const file = join(dir, 'job.sql');
    writeFileSync(file, 'select 1;\n');
    machine.readFile(file);
    writeFileSync(file, 'drop table users;\n');
    machine.readFile(file);
    expect(journal.unsound).toBe(true);
  });
});
