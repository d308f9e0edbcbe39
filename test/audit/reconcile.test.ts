import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {readProcessStat} from '../../src/proc.js';
import {findRun} from '../../src/audit/queries.js';
import {openAuditStore, type AuditStore} from '../../src/audit/store.js';
import {verifyChain} from '../../src/audit/verify.js';
import {sandbox} from '../helpers/guard.js';
import {eventually, isRunning} from '../helpers/processes.js';
import {startFields} from './sample-run.js';

const box = sandbox();
afterEach(() => box.remove());
const path = () => join(box.dir, 'audit.db');
const startOf = (pid: number) => readProcessStat(pid)!.startTime;

// The kernel's largest pid: nothing runs there in a test container.
const deadPid = 4_194_303;

function withStore<T>(work: (store: AuditStore) => T): T {
  const store = openAuditStore(path());
  try {
    return work(store);
  } finally {
    store.close();
  }
}

describe('reconciling live rows when the store opens', () => {
  it('abandons a running row whose guard and command group are gone, into the chain', () => {
    const id = withStore((store) => {
      const id = store.recordStart(startFields({pid: deadPid, pid_start: 1}));
      store.markRunning(id, {child_pid: deadPid - 1, child_start: 1});
      return id;
    });
    withStore((store) => {
      expect(findRun(store, id)).toMatchObject({error: 'guard died before the run ended', seq: 1, status: 'abandoned'});
      expect(verifyChain(store)).toMatchObject({ok: true, rows: 1});
    });
  });

  it('abandons a starting row whose guard is dead, since its command never got a pid on record', () => {
    const id = withStore((store) => store.recordStart(startFields({pid: deadPid, pid_start: 1})));
    withStore((store) => expect(findRun(store, id)?.status).toBe('abandoned'));
  });

  it('is not fooled by a reused pid: a live process with another start time is not the guard', () => {
    const id = withStore((store) => store.recordStart(startFields({pid: process.pid, pid_start: startOf(process.pid) + 1})));
    withStore((store) => expect(findRun(store, id)?.status).toBe('abandoned'));
  });

  it('leaves alone a row whose guard still runs', () => {
    const id = withStore((store) => store.recordStart(startFields({pid: process.pid, pid_start: startOf(process.pid)})));
    withStore((store) => expect(findRun(store, id)?.status).toBe('starting'));
  });

  it('keeps a row running while its command group lives after its guard died, then abandons it', async () => {
    const child = spawn('sleep', ['30'], {detached: true, stdio: 'ignore'});
    const pid = child.pid!;
    const id = withStore((store) => {
      const id = store.recordStart(startFields({pid: deadPid, pid_start: 1}));
      store.markRunning(id, {child_pid: pid, child_start: startOf(pid)});
      return id;
    });
    withStore((store) => expect(findRun(store, id)?.status).toBe('running'));
    process.kill(-pid, 'SIGKILL');
    expect(await eventually(() => !isRunning(pid))).toBe(true);
    withStore((store) => expect(findRun(store, id)?.status).toBe('abandoned'));
  });

  it('abandons each dead row once, however many guards reconcile after it', () => {
    withStore((store) => {
      for (let i = 0; i < 5; i++) store.recordStart(startFields({pid: deadPid, pid_start: 1}));
    });
    const stores = Array.from({length: 5}, () => openAuditStore(path()));
    for (const store of stores) store.close();
    withStore((store) => expect(verifyChain(store)).toMatchObject({ok: true, rows: 5}));
  });

  it('leaves the rows of another host alone', () => {
    const id = withStore((store) => store.recordStart(startFields({host: 'elsewhere', pid: deadPid, pid_start: 1})));
    withStore((store) => expect(findRun(store, id)?.status).toBe('starting'));
  });
});
