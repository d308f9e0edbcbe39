// The policy on guard's start-up path: `check` and `run` of a plain argv (no shell parser),
// `run` of an `sh -c` script of more than plain words (the parser loads; plain words do not,
// bench/startup.js), and what checking a 1,000-line script adds
// to checking a one-line one, each in units of `node -e ''` measured in the same rounds.
import {spawnSync} from 'node:child_process';
import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {benchEnv, compare, guardBin, sandboxDir, timeRow} from './lib.js';

export const title = "Policy: `guard check`/`run` with the default policy, and scripts of 1 and 1,000 lines";

// A script like a real cron job's: assignments, conditionals, pipelines, a loop, cleanup.
function script(lines) {
  const body = ['#!/bin/sh', 'set -e', 'BACKUP_DIR=/tmp/guard-bench-backup'];
  const shapes = [
    (i) => `echo "step ${i}: $(date +%s)" >> "$BACKUP_DIR/log"`,
    (i) => `if [ -d "$BACKUP_DIR/part-${i}" ]; then rm -rf "$BACKUP_DIR/part-${i}"; fi`,
    (i) => `tar -czf "$BACKUP_DIR/archive-${i}.tgz" -C /srv/app data-${i} | tee -a "$BACKUP_DIR/log"`,
    (i) => `for f in "$BACKUP_DIR"/*.tmp; do rm -f "$f"; done`,
    (i) => `psql -c "select count(*) from jobs where id = ${i}" appdb > /dev/null`,
  ];
  for (let i = body.length; i < lines; i++) body.push(shapes[i % shapes.length](i));
  return body.slice(0, lines).join('\n') + '\n';
}

// A script like a maintained ops script: helper functions called from every block, case
// statements, arrays, heredocs, loops, conditionals and pipelines, in blocks of twenty lines.
function realisticScript(lines) {
  const head = [
    '#!/bin/bash',
    'set -euo pipefail',
    'readonly APP=/srv/app',
    'BACKUP_ROOT=/var/backups/app',
    'declare -a PARTS=(db media logs)',
    "log() { printf '%s %s\\n' \"$(date -Is)\" \"$*\" >&2; }",
    'rotate() {',
    '  local dir=$1 keep=${2:-7}',
    "  find \"$dir\" -name '*.tgz' -mtime +\"$keep\" -delete",
    '}',
  ];
  const block = (i) => [
    `backup_${i}() {`,
    `  local part=$1 target="$BACKUP_ROOT/${i}"`,
    '  mkdir -p "$target"',
    '  case "$part" in',
    `    db) pg_dump -Fc appdb_${i} > "$target/db.dump" ;;`,
    `    media) tar -czf "$target/media.tgz" -C "$APP" media/${i} ;;`,
    '    logs) journalctl -u app --since yesterday | gzip > "$target/logs.gz" ;;',
    '    *) log "unknown part $part"; return 1 ;;',
    '  esac',
    '}',
    `for part in "\${PARTS[@]}"; do backup_${i} "$part"; done`,
    `if [ -f "$APP/releases/${i}/obsolete" ]; then rm -rf "$APP/releases/${i}"; fi`,
    `rotate "$BACKUP_ROOT/${i}" ${(i % 9) + 1}`,
    `cat > "$BACKUP_ROOT/${i}/manifest.txt" <<EOF`,
    `block ${i} written on $(hostname)`,
    'parts: ${PARTS[*]}',
    'EOF',
    `log "block ${i} done: $(du -sh "$BACKUP_ROOT/${i}" | cut -f1)"`,
    `count=$(ls "$BACKUP_ROOT/${i}" | wc -l)`,
    `[ "$count" -gt 0 ] || log "block ${i} is empty"`,
  ];
  const body = [...head];
  for (let i = 1; body.length < lines; i++) body.push(...block(i));
  return body.slice(0, lines).join('\n') + '\n';
}

export default async function policy({runs = 21} = {}) {
  const node = process.execPath;
  const dir = sandboxDir();
  const oneLine = join(dir, 'one-line.sh');
  const thousand = join(dir, 'thousand-lines.sh');
  writeFileSync(oneLine, '#!/bin/sh\necho one line\n', {mode: 0o755});
  writeFileSync(thousand, script(1000), {mode: 0o755});
  const realistic = join(dir, 'realistic-1000-lines.sh');
  writeFileSync(realistic, realisticScript(1000), {mode: 0o755});
  const env = benchEnv({GUARD_DB: join(dir, 'policy/audit.db')});
  const guard = (...args) => ({cmd: node, args: [guardBin(), ...args]});
  // A script checked again is decided by the earlier run (src/run/decision-cache.ts) when it
  // and all it reads are unchanged: the rows without a suffix. "walked again": the decision
  // cache is emptied before each run, so the script is walked and judged, its tree read from
  // the parse cache (src/inspect/tree-cache.ts), as when it or a file it reads changed. "first
  // time": both are emptied, so the grammar loads and the text is parsed too. Each kind has a
  // state folder of its own: the other candidates keep theirs (and every candidate its code cache).
  const emptied = (kind, caches) => (...args) => ({
    run: async (runEnv) => {
      const state = join(dir, `${kind}-state`);
      for (const cache of caches) rmSync(join(state, 'guard', cache), {force: true, recursive: true});
      const start = process.hrtime.bigint();
      const result = spawnSync(node, [guardBin(), ...args], {env: {...runEnv, XDG_STATE_HOME: state}, stdio: ['ignore', 'ignore', 'pipe']});
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`guard ${args.join(' ')}: exit ${result.status ?? result.signal}: ${String(result.stderr).trim()}`);
      return {ms};
    },
  });
  const firstCheck = emptied('first-time', ['parse-cache', 'decision-cache']);
  const walkedCheck = emptied('walked-again', ['decision-cache']);
  const results = await compare({
    baseline: "node -e ''",
    runs,
    env,
    candidates: [
      {name: "node -e ''", cmd: node, args: ['-e', '']},
      {name: 'guard check -- true', ...guard('check', '--', 'true')},
      {name: 'guard run -- true', ...guard('run', '--', 'true')},
      {name: "guard run -- sh -c 'true && true'", ...guard('run', '--', 'sh', '-c', 'true && true')},
      {name: 'guard check -- ONE-LINE.sh', ...guard('check', '--', oneLine)},
      {name: 'guard check -- 1000-LINE.sh', ...guard('check', '--', thousand)},
      {name: 'guard check -- REALISTIC-1000.sh', ...guard('check', '--', realistic)},
      {name: "guard run -- sh -c 'true && true', first time", ...firstCheck('run', '--', 'sh', '-c', 'true && true')},
      {name: 'guard check -- ONE-LINE.sh, first time', ...firstCheck('check', '--', oneLine)},
      {name: 'guard check -- 1000-LINE.sh, first time', ...firstCheck('check', '--', thousand)},
      {name: 'guard check -- REALISTIC-1000.sh, first time', ...firstCheck('check', '--', realistic)},
      {name: 'guard check -- ONE-LINE.sh, walked again', ...walkedCheck('check', '--', oneLine)},
      {name: 'guard check -- 1000-LINE.sh, walked again', ...walkedCheck('check', '--', thousand)},
      {name: 'guard check -- REALISTIC-1000.sh, walked again', ...walkedCheck('check', '--', realistic)},
    ],
  });
  const by = Object.fromEntries(results.map((result) => [result.name, result]));
  const nodeMs = by["node -e ''"].ms.median;
  // What a long script adds over a one-line one, in node -e '': checked again unchanged (as a
  // cron job's script is from its second run), walked again, or checked for the first time.
  const added = (name, base) => (by[name].ms.median - by[base].ms.median) / nodeMs;
  const addedRow = (candidate, value, budget) => ({
    candidate,
    unit: '×',
    median: value,
    p10: Number.NaN,
    p90: Number.NaN,
    ratio: value,
    budget: budget === undefined ? '' : `≤ ${budget}× node -e ''`,
    pass: budget === undefined ? null : value <= budget,
    note: "difference of the medians, in node -e ''",
  });
  const within = (max) => ({max, label: `≤ ${max}× node -e ''`});
  return [
    timeRow(by["node -e ''"], {note: 'unit of the budgets'}),
    timeRow(by['guard check -- true'], {budget: within(3)}),
    timeRow(by['guard run -- true'], {budget: within(3), note: 'policy, audit log and all'}),
    timeRow(by["guard run -- sh -c 'true && true'"], {budget: within(6), note: 'code parsed by an earlier run: its tree from the parse cache'}),
    timeRow(by["guard run -- sh -c 'true && true', first time"], {budget: within(6), note: 'the shell parser loads'}),
    timeRow(by['guard check -- ONE-LINE.sh'], {note: 'a script file of one line'}),
    timeRow(by['guard check -- 1000-LINE.sh'], {note: 'a script file of 1,000 lines, decided by an earlier run'}),
    addedRow('1,000 lines added over 1', added('guard check -- 1000-LINE.sh', 'guard check -- ONE-LINE.sh'), 2),
    addedRow('the same, walked again', added('guard check -- 1000-LINE.sh, walked again', 'guard check -- ONE-LINE.sh, walked again')),
    addedRow('the same, checked for the first time', added('guard check -- 1000-LINE.sh, first time', 'guard check -- ONE-LINE.sh, first time')),
    timeRow(by['guard check -- REALISTIC-1000.sh'], {note: 'functions called from every block, case, arrays, heredocs; decided by an earlier run'}),
    // Half of what this script added with the build of 2026-12-02 before the start-up work
    // (7.9× node -e '', measured against this build in the same rounds: bench/README.md).
    addedRow('realistic 1,000 lines added over 1', added('guard check -- REALISTIC-1000.sh', 'guard check -- ONE-LINE.sh'), 4),
    addedRow('the same, walked again', added('guard check -- REALISTIC-1000.sh, walked again', 'guard check -- ONE-LINE.sh, walked again')),
    addedRow('the same, checked for the first time', added('guard check -- REALISTIC-1000.sh, first time', 'guard check -- ONE-LINE.sh, first time')),
  ];
}
