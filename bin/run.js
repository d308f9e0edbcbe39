#!/usr/bin/env node
// A stray SIGUSR1 (logrotate, pkill) would open Node's inspector, a local code-execution
// port with guard's privileges: handling it keeps the inspector shut.
process.on('SIGUSR1', () => {});

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
