#!/usr/bin/env -S -u NODE_OPTIONS -u NODE_PATH GUARD_NODE_OPTIONS=${NODE_OPTIONS} GUARD_NODE_PATH=${NODE_PATH} node
// A stray SIGUSR1 (logrotate, pkill) would open Node's inspector, a local code-execution
// port with guard's privileges: handling it keeps the inspector shut.
process.on('SIGUSR1', () => {});

// The shebang keeps NODE_OPTIONS and NODE_PATH from the Node that runs guard (`--require
// /tmp/x.js` would run code inside guard before its first line) and carries them aside, so
// the command still gets the caller's environment. `node bin/run.js` bypasses the shebang.
for (const name of ['NODE_OPTIONS', 'NODE_PATH']) {
  const carried = process.env[`GUARD_${name}`];
  delete process.env[`GUARD_${name}`];
  if (carried) process.env[name] = carried;
}

const [command, ...words] = process.argv.slice(2);
let status = 'help';
if (command === 'run' || command === 'check') {
  const lean = await import('../dist/fast/lean.js');
  status = await (command === 'run' ? lean.leanRun(words) : lean.leanCheck(words));
}

if (status === 'help') {
  const {execute} = await import('@oclif/core');
  await execute({dir: import.meta.url});
} else {
  process.exitCode = status;
}
