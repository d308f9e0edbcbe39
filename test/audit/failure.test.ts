import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {auditFailure} from '../../src/audit/failure.js';

// better-sqlite3 loads a native module built for one Node ABI; under another Node every
// command that opens the log fails before touching it, and says why in one line.
describe('a native module that cannot load', () => {
  it('names both ABI versions and the rebuild, in one line, when better-sqlite3 was built for another Node', () => {
    // Node's own error, as Node 20 words it for a module built under Node 24.
    const error = Object.assign(new Error("The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 137. This version of Node.js requires\nNODE_MODULE_VERSION 115. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`)."), {code: 'ERR_DLOPEN_FAILED'});
    const message = auditFailure('/var/log/guard.db', error).message;
    expect(message).toBe(`audit log /var/log/guard.db: better-sqlite3 was built for another Node.js (NODE_MODULE_VERSION 137; Node ${process.version} needs 115): run npm rebuild better-sqlite3 with this Node`);
  });

  it('gives the first line of any other load failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-test-'));
    try {
      const file = join(dir, 'not-elf.node');
      writeFileSync(file, 'not a shared object\n');
      let thrown: unknown;
      try {
        process.dlopen({exports: {}}, file);
      } catch (error) {
        thrown = error;
      }
      expect((thrown as {code?: string}).code).toBe('ERR_DLOPEN_FAILED');
      const message = auditFailure('/var/log/guard.db', thrown).message;
      expect(message).toMatch(/^audit log \/var\/log\/guard\.db: cannot load better-sqlite3's native module: .*not-elf\.node/);
      expect(message).not.toContain('\n');
    } finally {
      rmSync(dir, {force: true, recursive: true});
    }
  });
});
