import {execa} from 'execa';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {bin, sandbox} from '../helpers/guard.js';

let box: ReturnType<typeof sandbox>;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.remove());

// The bash grammar is 1.4 MB of WebAssembly. Once its lexer is hot, V8 would compile it
// again with TurboFan: on Node 24 that takes seconds and ~700 MB, and guard's memory and
// start-up would follow. guard keeps the grammar in V8's baseline compiler on every Node.
describe('guard check parses a script without optimising the grammar', () => {
  it('compiles the grammar with Liftoff alone, on this Node, for a script that makes the lexer hot', async () => {
    const script = 'read line < /tmp/tmp.9HG8fACcZE/gate';
    const result = await execa(process.execPath, ['--trace-wasm-compilation-times', bin, 'check', '--', 'sh', '-c', script], {
      reject: false,
      stdin: 'ignore',
      cwd: box.dir,
      env: {...process.env, NODE_OPTIONS: undefined, ...box.env},
      extendEnv: false,
    });
    expect(result.exitCode).toBe(0);
    const compiled = result.stdout.split('\n').filter((line) => line.startsWith('Compiled function'));
    expect(compiled.filter((line) => line.includes('using Liftoff')).length).toBeGreaterThan(0);
    expect(compiled.filter((line) => line.includes('using TurboFan'))).toEqual([]);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('allowed');
  });
});
