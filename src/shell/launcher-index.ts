// Which module launches each program whose launcher is not in launch.ts: the index launch.ts
// reads to load a module the first time a command names one of its programs.
// test/shell/launchers.test.ts proves it names exactly the programs of each module's table.

import type {Word} from './types.js';
import type {Launched} from './launched.js';

export type LauncherModule = 'sessions' | 'elsewhere' | 'hatches' | 'interpreters';

const byModule: Record<LauncherModule, string[]> = {
  sessions: ['at', 'batch', 'tmux', 'tmate', 'screen', 'script', 'expect', 'tclsh', 'wish', 'tclsh8.4', 'tclsh8.5', 'tclsh8.6', 'tclsh9.0', 'jimsh', 'hyperfine', 'concurrently', 'entr', 'parallel', 'nix-shell', 'nix', 'npx', 'pnpx', 'npm', 'pnpm', 'yarn'],
  elsewhere: ['adb', 'ssh', 'scp', 'sftp', 'mosh', 'docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'kubectl', 'oc', 'lxc', 'incus', 'lxc-attach', 'machinectl', 'crictl', 'ctr', 'pct', 'qm', 'ansible', 'knife', 'pdsh', 'clush', 'pssh', 'parallel-ssh', 'salt', 'salt-ssh', 'xdsh', 'psh', 'wwctl', 'vagrant', 'gcloud', 'az', 'aws', 'heroku', 'ray'],
  hatches: ['sed', 'gsed', 'vim', 'vi', 'nvim', 'view', 'vimdiff', 'gvim', 'ex', 'evim', 'nvi', 'git', 'tar', 'gtar', 'bsdtar', 'make', 'gmake', 'm4', 'gdb', 'emacs', 'emacsclient', 'gnuplot', 'latex', 'pdflatex', 'xelatex', 'lualatex', 'tex', 'pdftex', 'etex', 'luatex', 'xetex', 'latexmk', 'puppet', 'dc', 'lftp', 'mail', 'mailx', 's-nail', 'bsd-mailx', 'smbclient', 'ftp', 'ncftp', 'tnftp', 'ed', 'psql', 'mysql', 'mariadb', 'sqlite3', 'sqlite', 'zip', 'rsync', 'split', 'certbot', 'restic', 'rclone', 'borg', 'yt-dlp', 'youtube-dl', 'scrot', 'dmsetup', 'man', 'openvpn', 'dpkg', 'gem', 'rpm', 'rpmdb', 'rpmquery', 'rpmverify', 'rpmbuild', 'rpmspec', 'nc', 'ncat', 'netcat', 'tcpdump', 'apt', 'apt-get', 'aptitude', 'hg', 'socat', 'csvtool', 'aria2c', 'busctl', 'dnsmasq', 'wget', 'sshuttle', 'enscript', 'logrotate', 'helm', 'cpio', 'sshfs', 'sysctl', 'cmake', 'lldb', 'R', 'Rscript', 'octave', 'octave-cli', 'slsh', 'bpftrace', 'jrunscript', 'telnet', 'just', 'tox', 'mvn', 'mvnw', 'task', 'go-task'],
  interpreters: ['python', 'python2', 'python3', 'pypy', 'pypy3', 'perl', 'ruby', 'node', 'nodejs', 'bun', 'deno', 'php', 'lua', 'luajit', 'lua5.1', 'lua5.3', 'lua5.4', 'awk', 'gawk', 'mawk', 'nawk'],
};

export const lazyLaunchers: Record<string, LauncherModule> = Object.fromEntries(
  (Object.entries(byModule) as Array<[LauncherModule, string[]]>).flatMap(([module, names]) => names.map((name) => [name, module] as const)),
);

// git's own commands (and common plug-ins): any other subcommand may be an alias the code defined.
const gitCommandNames = /^(?:add|am|annotate|apply|archive|bisect|blame|branch|bundle|cat-file|check-attr|check-ignore|checkout|cherry|cherry-pick|citool|clean|clone|commit|config|count-objects|credential|describe|diff|diff-tree|difftool|fetch|filter-branch|filter-repo|for-each-ref|format-patch|fsck|gc|grep|gui|hash-object|help|init|instaweb|lfs|log|ls-files|ls-remote|ls-tree|maintenance|merge|merge-base|mergetool|mv|name-rev|notes|pull|push|range-diff|rebase|reflog|remote|repack|replace|request-pull|reset|restore|rev-list|rev-parse|revert|rm|shortlog|show|show-branch|show-ref|sparse-checkout|stash|status|submodule|switch|symbolic-ref|tag|update-index|update-ref|verify-commit|verify-tag|version|whatchanged|worktree|write-tree|crypt|flow|secret|annex)$/;

/** The subcommand of a git command: its first word after the global options, when known. */
function gitSubcommand(words: Word[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const text = words[i]!.value;
    if (text === null) return undefined;
    if (/^-[Cc]$|^--(?:git-dir|work-tree|namespace|exec-path|config-env)$/.test(text)) i++;
    else if (!text.startsWith('-')) return text;
  }

  return undefined;
}

const anyWord = (words: Word[], pattern: RegExp) => words.some((word, i) => i > 0 && (!word.known || pattern.test(word.value)));
const readsInput = ({raw}: Launched) => raw.stdin !== undefined || raw.frame.pipeIn !== undefined || raw.frame.input !== undefined;

/** tar's options that run a command (-I, -F, --use-compress-program, --to-command, --checkpoint-action…), as a word may spell them. */
export const tarMentions = /^-[^-]*[IF]|^--(?:use|to-c|check|info|new-v|rsh|rmt)/;

/**
 * For common programs whose escape hatch is rare: whether this command may use it. When it
 * cannot, the module is not loaded for it (`tar -czf …`, `git pull`, `psql -c 'SELECT 1'`).
 * A word guard cannot know may spell anything: it always may.
 */
export const mayLaunch: Record<string, (launched: Launched) => boolean> = {
  ...Object.fromEntries(['tar', 'gtar', 'bsdtar'].map((name) => [name, ({words}: Launched) => anyWord(words, tarMentions)])),
  // Also `git config alias.X …` (an alias later commands run), `submodule foreach CMD`, and a subcommand git does not have (maybe such an alias).
  git: ({words, env}) => anyWord(words, /^-c|^--config-env|^ext::|^foreach$|^alias\./) || env.has('GIT_CONFIG_COUNT') || env.has('GIT_CONFIG_PARAMETERS') || !gitCommandNames.test(gitSubcommand(words) ?? 'status'),
  psql: (launched) => readsInput(launched) || anyWord(launched.words, /\\|program|^-[^-]*o|^--o/i),
  ...Object.fromEntries(['mysql', 'mariadb'].map((name) => [name, (launched: Launched) => readsInput(launched) || anyWord(launched.words, /\\[!P]|system|pager/i)])),
  rsync: ({words}) => anyWord(words, /^-[^-]*e|^--rsh/),
  zip: ({words}) => anyWord(words, /^-TT$|^--unzip-command/),
  man: ({words}) => anyWord(words, /^-[^-]*[PH]|^--(?:pager|html)/),
  // Code on the command line or on stdin; a script file (`python3 ./manage.py`) is read only if the code wrote it.
  ...Object.fromEntries(['python', 'python2', 'python3', 'pypy', 'pypy3', 'perl', 'ruby', 'node', 'nodejs', 'deno', 'php', 'lua', 'luajit', 'lua5.1', 'lua5.3', 'lua5.4'].map((name) => [name, (launched: Launched) => readsInput(launched) || launched.command.written !== undefined || anyWord(launched.words, /^-$|^-[A-Za-z]*[cepErR]|^--(?:eval|print)|^eval$/)])),
  // bun also runs package.json's scripts by name (`bun run clean`, `bun clean`) and shell code (`bun exec`).
  bun: (launched) => readsInput(launched) || anyWord(launched.words, /^-$|^-[A-Za-z]*[ep]|^--(?:eval|print)$/) || launched.words.slice(1).some((word) => !word.known || !word.value.startsWith('-')),
  // Most awk programs only print: the module loads for one that runs, writes or pipes.
  ...Object.fromEntries(['awk', 'gawk', 'mawk', 'nawk'].map((name) => [name, ({words}: Launched) => anyWord(words, /system|getline|[>|]/)])),
};

/**
 * The launcher modules a script's text names a program of: a word test (under 1 ms for 1,000
 * lines, nothing to compile first) that may name too many, never too few of the names written
 * out. Programs with a mayLaunch test are left out: they seldom need their module, which then
 * loads when one does.
 */
export function modulesNamedIn(text: string): LauncherModule[] {
  const found = new Set<LauncherModule>();
  for (const word of text.split(/[^\w.+-]+/)) {
    if (!Object.hasOwn(lazyLaunchers, word) || Object.hasOwn(mayLaunch, word)) continue;
    found.add(lazyLaunchers[word]!);
    if (found.size === 4) break;
  }

  return [...found];
}
