// git: rewriting or deleting remote history, and throwing away local work. git reads global
// options before the subcommand (`git -C dir -c k=v push`), clusters short options (`-uf`)
// and accepts any unambiguous prefix of a long option (`--mir`, `--forc` is ambiguous).
import {posix} from 'node:path';
import {type OptionSpec, type SimpleCommand, type Word, checkoutMade, normalizeOptions} from '../../shell/index.js';
import {spelled, written} from '../spelling.js';
import type {BuiltinRule, Hit} from '../types.js';

const globalSpec: OptionSpec = {
  takesValue: ['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix', '--list-cmds', '--attr-source'],
  long: ['git-dir', 'work-tree', 'namespace', 'exec-path', 'config-env', 'super-prefix', 'list-cmds', 'attr-source', 'bare', 'no-pager', 'paginate', 'no-replace-objects', 'literal-pathspecs', 'glob-pathspecs', 'noglob-pathspecs', 'icase-pathspecs', 'no-optional-locks', 'html-path', 'man-path', 'info-path', 'version', 'help'],
  stopAtOperand: true,
};

interface GitCommand {
  sub: string;
  /** The words after the subcommand. */
  args: Word[];
  /** The -c settings given before it. */
  settings: Word[];
}

function gitCommand(command: SimpleCommand): GitCommand | undefined {
  const words = command.argv.slice(1);
  const first = normalizeOptions(words, globalSpec).operands[0];
  const at = first ? words.indexOf(first) : -1;
  const settings = words.slice(0, at === -1 ? words.length : at).filter((word, i, all) => all[i - 1]?.value === '-c' || /^-c./.test(word.value ?? ''));
  if (!first?.known) return {sub: '', args: [], settings};
  return {sub: first.value, args: words.slice(at + 1), settings};
}

/**
 * Whether the command works in a checkout the same code cloned just before (`git clone URL "$tmp/site"
 * && git -C "$tmp/site" reset --hard origin/pages`): nothing uncommitted or untracked there is anyone's.
 */
function inFreshClone(command: SimpleCommand): boolean {
  if (!command.made || !command.cwd.known || command.program.value !== 'git') return false;
  // Another work tree named in the environment, or by core.worktree, is not the clone's.
  if (['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR'].some((name) => command.env[name] !== undefined)) return false;
  if (command.argv.some((word) => !word.known || /^(?:core\.worktree|-c ?core\.worktree)=|^--config-env=core\.worktree/i.test(word.value))) return false;
  let folder = command.cwd.value!;
  const words = command.argv.slice(1);
  const sub = normalizeOptions(words, globalSpec).operands[0];
  for (const [k, word] of words.entries()) {
    if (word === sub) break;
    if (/^--(?:git-dir|work-tree)(?:=|$)/.test(word.value ?? '')) return false;
    if (words[k - 1]?.value === '-C') {
      if (!word.known) return false;
      folder = posix.resolve(folder, word.value);
    }
  }

  for (let at = folder; ; at = posix.dirname(at)) {
    if (command.made.has(checkoutMade(command, at))) return true;
    if (at === '/') return false;
  }
}

const hit = (command: SimpleCommand, word: Word, reason: string): Hit => ({word: written(word), reason: `git ${gitCommand(command)?.sub} ${spelled(word)} ${reason}`});

const pushSpec: OptionSpec = {
  takesValue: ['-o', '--push-option', '--repo', '--receive-pack', '--exec'],
  long: [
    'all', 'branches', 'mirror', 'tags', 'follow-tags', 'no-follow-tags', 'dry-run', 'porcelain', 'delete', 'prune', 'no-prune', 'force', 'force-with-lease',
    'no-force-with-lease', 'force-if-includes', 'no-force-if-includes', 'repo', 'set-upstream', 'thin', 'no-thin', 'quiet', 'verbose', 'progress', 'no-progress',
    'recurse-submodules', 'no-recurse-submodules', 'verify', 'no-verify', 'ipv4', 'ipv6', 'signed', 'no-signed', 'atomic', 'no-atomic', 'push-option',
    'receive-pack', 'exec',
  ],
  aliases: {'--force': '-f', '--delete': '-d', '--dry-run': '-n', '--set-upstream': '-u', '--quiet': '-q', '--verbose': '-v'},
};

/** The word of the last option spelled as `flag` (`-uf` for -f, `--forc` never: it is ambiguous). */
function optionWord(args: Word[], spec: OptionSpec, flag: string): Word | undefined {
  return args.findLast((word) => word.known && word.value.startsWith('-') && normalizeOptions([word], {...spec, takesValue: []}).flags.has(flag));
}

function push(command: SimpleCommand): {force?: Hit; remove?: Hit; mirror?: Hit} | undefined {
  const git = gitCommand(command);
  if (git?.sub !== 'push') return undefined;
  const {flags, operands} = normalizeOptions(git.args, pushSpec);
  if (flags.has('-n')) return {};
  const found: {force?: Hit; remove?: Hit; mirror?: Hit} = {};
  const force = optionWord(git.args, pushSpec, '-f');
  if (force) found.force = hit(command, force, 'rewrites the remote branch whatever it holds; --force overrides any --force-with-lease');
  const refspecs = operands.slice(1);
  const plus = refspecs.find((word) => word.known && word.value.startsWith('+'));
  if (!found.force && plus) found.force = hit(command, plus, `force-pushes ${plus.value!.slice(1)}: a + refspec overwrites the remote branch whatever it holds`);
  const mirror = optionWord(git.args, pushSpec, '--mirror');
  if (mirror) found.mirror = hit(command, mirror, 'makes the remote an exact mirror: it overwrites and deletes remote branches and tags');
  const deletes = optionWord(git.args, pushSpec, '-d');
  const colon = refspecs.find((word) => word.known && /^:./.test(word.value));
  const prune = optionWord(git.args, pushSpec, '--prune');
  if (deletes) found.remove = hit(command, deletes, 'deletes the remote branch');
  else if (colon) found.remove = hit(command, colon, `deletes the remote branch ${colon.value!.slice(1)} (an empty source before the colon)`);
  else if (prune) found.remove = hit(command, prune, 'deletes every remote branch that has no local branch of the same name');
  return found;
}

function resetHard(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  if (git?.sub !== 'reset') return null;
  const spec: OptionSpec = {long: ['hard', 'soft', 'mixed', 'merge', 'keep', 'quiet', 'no-quiet', 'recurse-submodules', 'no-recurse-submodules', 'pathspec-from-file', 'pathspec-file-nul', 'intent-to-add', 'no-refresh', 'refresh']};
  const word = optionWord(git.args, spec, '--hard') ?? optionWord(git.args, spec, '--merge');
  return word && !inFreshClone(command) ? hit(command, word, 'throws away uncommitted changes in the working tree') : null;
}

function cleanForce(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  if (git?.sub !== 'clean') return null;
  const spec: OptionSpec = {takesValue: ['-e', '--exclude'], long: ['force', 'dry-run', 'quiet', 'interactive', 'exclude'], aliases: {'--force': '-f', '--dry-run': '-n', '--interactive': '-i'}};
  const {flags} = normalizeOptions(git.args, spec);
  if (flags.has('-n') || flags.has('-i')) return null;
  const word = optionWord(git.args, spec, '-f');
  return word && !inFreshClone(command) ? hit(command, word, `deletes untracked files${flags.has('-x') ? ', ignored ones included' : ''}`) : null;
}

function discard(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  if (inFreshClone(command)) return null;
  if (git?.sub === 'restore') {
    const spec: OptionSpec = {takesValue: ['-s', '--source'], long: ['source', 'staged', 'worktree', 'patch', 'ours', 'theirs', 'merge', 'conflict', 'ignore-unmerged', 'overlay', 'no-overlay', 'quiet', 'progress', 'no-progress', 'pathspec-from-file', 'pathspec-file-nul', 'recurse-submodules', 'no-recurse-submodules', 'ignore-skip-worktree-bits'], aliases: {'--staged': '-S', '--worktree': '-W', '--source': '-s', '--patch': '-p'}};
    const {flags, operands} = normalizeOptions(git.args, spec);
    if (flags.has('-p') || (flags.has('-S') && !flags.has('-W')) || operands.length === 0) return null;
    return hit(command, operands[0]!, 'throws away uncommitted changes to these paths');
  }

  if (git?.sub === 'switch') {
    const force = git.args.find((word) => word.value === '--discard-changes' || word.value === '-f' || word.value === '--force');
    return force ? hit(command, force, 'switches branches throwing away uncommitted changes') : null;
  }

  if (git?.sub === 'checkout') {
    const dashes = git.args.findIndex((word) => word.value === '--');
    const force = git.args.find((word) => word.value === '-f' || word.value === '--force');
    if (force) return hit(command, force, 'switches branches throwing away uncommitted changes');
    const paths = dashes === -1 ? git.args.filter((word) => word.value === '.') : git.args.slice(dashes + 1);
    return paths[0] ? hit(command, paths[0], 'throws away uncommitted changes to these paths') : null;
  }

  // `git worktree remove --force`, `git submodule deinit --force`: the tree goes with its changes.
  const [verb] = git?.args ?? [];
  const force = git?.args.find((word) => word.value === '-f' || word.value === '--force' || word.value === '-ff');
  if (force && ((git?.sub === 'worktree' && verb?.value === 'remove') || (git?.sub === 'submodule' && verb?.value === 'deinit'))) {
    return {word: written(force), reason: `git ${git.sub} ${verb!.value} ${spelled(force)} deletes the ${git.sub === 'worktree' ? 'worktree' : "submodule's working tree"} with its uncommitted changes and untracked files`};
  }

  return null;
}

/** `git filter-repo --force` (no backup of the old history), `git filter-branch -f` (overwrites the backup refs/original holds). */
function historyRewrite(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  if (git?.sub !== 'filter-repo' && git?.sub !== 'filter-branch') return null;
  if (git.args.some((word) => word.value === '--dry-run' || word.value === '--analyze' || word.value === '--help' || word.value === '-h')) return null;
  const force = git.args.find((word) => word.value === '--force' || (git.sub === 'filter-branch' && word.value === '-f'));
  return force ? hit(command, force, `rewrites every commit it reaches${git.sub === 'filter-repo' ? ' and drops the origin remote' : ''}, keeping no copy of the history it replaces`) : null;
}

function branchForceDelete(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  // `git update-ref -d refs/heads/NAME` deletes the branch with no check at all.
  if (git?.sub === 'update-ref') {
    const at = git.args.findIndex((word) => word.value === '-d');
    const ref = at === -1 ? undefined : git.args.slice(at + 1).find((word) => !word.value?.startsWith('-'));
    return ref && (!ref.known || /^refs\/(?:heads|tags)\//.test(ref.value)) ? hit(command, ref, 'deletes the branch or tag, merged or not') : null;
  }

  if (git?.sub !== 'branch') return null;
  const spec: OptionSpec = {long: ['delete', 'force', 'remotes', 'all', 'list', 'move', 'copy', 'verbose', 'quiet', 'track', 'no-track', 'set-upstream-to', 'unset-upstream', 'contains', 'merged', 'no-merged', 'sort', 'points-at', 'format', 'color', 'column', 'show-current', 'edit-description', 'create-reflog', 'ignore-case', 'omit-empty', 'recurse-submodules'], aliases: {'--delete': '-d', '--force': '-f'}};
  const {flags} = normalizeOptions(git.args, spec);
  const word = optionWord(git.args, spec, '-D') ?? (flags.has('-d') && flags.has('-f') ? optionWord(git.args, spec, '-d') : undefined);
  return word ? hit(command, word, 'deletes a branch even if it is not merged') : null;
}

function stashDrop(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  if (git?.sub !== 'stash') return null;
  const action = git.args.find((word) => !word.value?.startsWith('-'));
  return action?.value === 'drop' || action?.value === 'clear' ? hit(command, action, action.value === 'clear' ? 'deletes every stash' : 'deletes a stash') : null;
}

// A setting guard can read is judged where git runs it (src/shell/hatches.ts: a `!` alias, core.sshCommand,
// core.pager… are shell code); one it cannot know may be any of them.
function shellAlias(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  const setting = (git?.settings ?? []).find((word) => !word.known);
  if (!setting) return null;
  return {word: written(setting), reason: `git -c ${written(setting)} sets configuration guard cannot know, which may be an alias or a command git runs`};
}

/** `git reflog expire --expire=now|all|0`, `git reflog delete`: the entries that can bring back a reset, a rebase or a deleted branch go. */
function reflogExpire(command: SimpleCommand): Hit | null {
  const git = gitCommand(command);
  if (git?.sub !== 'reflog') return null;
  const action = git.args.find((word) => !word.value?.startsWith('-'));
  if (action?.value === 'delete') return hit(command, action, 'deletes reflog entries, which can bring back lost commits');
  if (action?.value !== 'expire') return null;
  // --expire=now or --expire now; `all`, `0`, or minutes and hours ago (1.hour.ago).
  const soon = /^(?:now|all|0|-?\d+|\d+\.(?:seconds?|minutes?|hours?)(?:\.ago)?)$/i;
  const now = git.args.find((word, i) => {
    if (!word.known) return false;
    const attached = /^--expire(?:-unreachable)?=(.*)$/.exec(word.value);
    if (attached) return soon.test(attached[1]!);
    const next = git.args[i + 1];
    return /^--expire(?:-unreachable)?$/.test(word.value) && next?.known === true && soon.test(next.value);
  });
  return now ? hit(command, now, 'empties the reflog, which can bring back a reset, a rebase or a deleted branch; a gc after it deletes those commits for good') : null;
}

// yadm is git over the home folder: the same subcommands, the same losses.
const onGit = {program: ['git', 'yadm']};

export const git: BuiltinRule[] = [
  {
    id: 'git.push-force',
    pack: 'git',
    level: 'deny',
    reason: 'force-pushes: the remote branch is overwritten whatever it holds',
    alternative: 'git push --force-with-lease (with --force-if-includes), and without --force',
    match: onGit,
    check: (command) => push(command)?.force ?? null,
    examples() {
      return {
        refuse: ['git push --force', 'git push -f origin main', 'git push -uf origin feature', 'git push origin +main', 'git push origin +HEAD:refs/heads/release', 'git push --force-with-lease --force origin main', 'git push --force-with-lease --no-force-with-lease -f origin main', 'git -C ../other -c push.default=current push --force', 'sudo -u deploy git push -f', "sh -c 'git push --force'"],
        allow: ['git push --force-with-lease', 'git push --force-with-lease origin feature', 'git push --force-with-lease=feature:3f2a9c1 --force-if-includes origin feature', 'git push origin main', 'git push --forc origin main', '[ -f ./lock ] && git push origin feature', 'git push --dry-run --force', 'git commit -m "git push --force"', 'git push --force-w origin feature'],
      };
    },
  },
  {
    id: 'git.push-mirror',
    pack: 'git',
    level: 'deny',
    reason: 'mirror-pushes: remote branches and tags are overwritten or deleted to match the local repository',
    alternative: 'push the branches you mean, by name',
    match: onGit,
    check: (command) => push(command)?.mirror ?? null,
    examples() {
      return {refuse: ['git push --mirror backup', 'git push --mir backup', 'git push --mirror=x backup'], allow: ['git push backup main', 'git push --all backup']};
    },
  },
  {
    id: 'git.push-delete',
    pack: 'git',
    level: 'deny',
    reason: 'deletes a remote branch',
    alternative: 'delete the branch in the forge, where it can be restored',
    match: onGit,
    check: (command) => push(command)?.remove ?? null,
    examples() {
      return {refuse: ['git push origin --delete main', 'git push origin :main', 'git push --del origin main', 'git push -d origin old', 'git push --prune origin', 'git push --prune origin refs/heads/*:refs/heads/*'], allow: ['git push origin main', 'git push origin main:main', 'git push origin :', 'git push --prune --dry-run origin', 'git fetch --prune']};
    },
  },
  {
    id: 'git.reset-hard',
    pack: 'git',
    level: 'confirm',
    overridable: true,
    reason: 'throws away uncommitted changes',
    alternative: 'git stash, or git reset --soft / --mixed',
    match: onGit,
    check: resetHard,
    examples() {
      return {refuse: ['git reset --hard', 'yadm reset --hard HEAD', 'git reset --hard origin/main', 'git reset --ha', 'git reset --har HEAD', 'git -C ../other reset --hard HEAD~2', 'git reset --merge', 'git clone -q https://example.com/site.git ./site; git -C ./site reset --hard origin/pages', 'git clone --bran main /srv/app site && git -C /srv/app reset --hard', 'git clone https://example.com/site.git site && GIT_WORK_TREE=/srv/app git -C site reset --hard'], allow: ['git clone -q https://example.com/site.git ./site && git -C ./site reset --hard origin/pages', 'git reset --soft HEAD~1', 'git reset HEAD src/app.ts', 'git reset --keep HEAD~1', 'grep -rn "git reset --hard" docs/']};
    },
  },
  {
    id: 'git.clean-force',
    pack: 'git',
    level: 'confirm',
    overridable: true,
    reason: 'deletes untracked files',
    alternative: 'git clean -n to see what would go',
    match: onGit,
    check: cleanForce,
    examples() {
      return {refuse: ['git clean -fdx', 'git clean --forc -d', 'git clean -f', 'git clean -d --force -x'], allow: ['git clone https://example.com/app.git && cd app && git clean -fdx', 'git clean -n -d', 'git clean -fdxn', 'git clean -fi', 'git status']};
    },
  },
  {
    id: 'git.discard-changes',
    pack: 'git',
    level: 'confirm',
    overridable: true,
    reason: 'throws away uncommitted changes to files',
    alternative: 'git stash, or git restore --staged to unstage only',
    match: onGit,
    check: discard,
    examples() {
      return {
        refuse: ['git checkout -- .', 'git checkout .', 'git restore src/', 'git restore --worktree --staged src/app.ts', 'git checkout -f main', 'git worktree remove --force ../wt', 'git submodule deinit -f --all', 'git switch --discard-changes release/2.4', 'git switch -f main'],
        allow: ['git restore --staged src/app.ts', 'git checkout -b feature/guard', 'git checkout main', 'git restore -p src/app.ts', 'git worktree remove ../wt', 'git submodule deinit vendor/lib', 'git worktree prune', 'git switch -c feature/x', 'git switch main'],
      };
    },
  },
  {
    id: 'git.branch-force-delete',
    pack: 'git',
    level: 'confirm',
    overridable: true,
    reason: 'deletes a branch even if it is not merged',
    alternative: 'git branch -d, which refuses an unmerged branch',
    match: onGit,
    check: branchForceDelete,
    examples() {
      return {refuse: ['git branch -D old-feature', 'git branch -d -f old-feature', 'git branch --delete --force old', 'git update-ref -d refs/heads/main'], allow: ['git branch -d merged-feature', 'git branch -f main HEAD~1', 'git branch --list', 'git update-ref refs/heads/main HEAD', 'git update-ref -d refs/remotes/origin/old']};
    },
  },
  {
    id: 'git.stash-drop',
    pack: 'git',
    level: 'confirm',
    overridable: true,
    reason: 'deletes stashed work',
    alternative: 'git stash list first, then git stash pop to keep it',
    match: onGit,
    check: stashDrop,
    examples() {
      return {refuse: ['git stash clear', 'git stash drop stash@{0}', 'git stash drop'], allow: ['git stash push -m wip', 'git stash list', 'git stash pop']};
    },
  },
  {
    id: 'git.history-rewrite',
    pack: 'git',
    level: 'confirm',
    overridable: true,
    reason: 'rewrites the history of the repository with no copy of the old one kept (git filter-repo --force, git filter-branch -f)',
    alternative: 'run it in a fresh clone, and keep the old one until the rewrite is checked',
    match: onGit,
    check: historyRewrite,
    examples() {
      return {
        refuse: ['git filter-repo --force --invert-paths --path secrets.txt', "git filter-branch -f --index-filter 'git rm --cached --ignore-unmatch x' HEAD", 'git filter-branch --force --tree-filter "rm -f x" -- --all'],
        allow: ['git filter-repo --analyze', 'git filter-repo --invert-paths --path secrets.txt', "git filter-branch --index-filter 'git rm --cached --ignore-unmatch x' HEAD", 'git log --oneline'],
      };
    },
  },
  {
    id: 'git.reflog-expire',
    pack: 'git',
    level: 'confirm',
    overridable: true,
    reason: 'empties the reflog, the record that can bring back commits lost to a reset, a rebase or a deleted branch',
    alternative: 'let reflog entries expire on their own (90 days); back the repository up first when it must shrink now',
    match: onGit,
    check: reflogExpire,
    examples() {
      return {
        refuse: ['git reflog expire --expire=now --all', 'git reflog expire --expire now --all', 'git reflog expire --expire=1.hour.ago --all', 'git reflog expire --expire-unreachable=now --all && git gc --prune=now', 'git reflog delete HEAD@{1}'],
        allow: ['git reflog', 'git reflog show main', 'git reflog expire --expire=90.days.ago --all', 'git gc', 'git gc --prune=now'],
      };
    },
  },
  {
    id: 'git.shell-alias',
    pack: 'git',
    level: 'deny',
    reason: 'sets git configuration guard cannot know, which may define an alias or a command that git runs',
    alternative: 'write the setting in the command itself, where guard can read it',
    match: onGit,
    check: shellAlias,
    examples() {
      return {refuse: ['git -c "$(cat setting)" x', 'git -c "$(cat setting)" fetch origin', 'git -c user.name=ci -c "$(cat setting)" log'], allow: ['git -c alias.st=status st', 'git -c user.name=ci commit -m x', 'git log --grep=\'DROP TABLE\'', "git -c alias.x='!echo hi' x", "git -c core.sshCommand='ssh -i ~/.ssh/deploy' fetch"]};
    },
  },
];
