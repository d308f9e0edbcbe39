// Command substitutions whose output guard knows the shape of, though not the exact text:
// `$(mktemp -d)` is a fresh scratch path (a name mktemp makes from its template, in the folder
// it would use), `$(ssh-agent -s)` is the agent's two variable settings. Each stands for what
// the program prints, so `tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT` and `eval
// "$(ssh-agent -s)"` are judged for what they are, and so is the shell setup well-known tools
// print to be evaluated (`eval "$(pyenv init -)"`); anything else a substitution prints stays
// unknown.
import {posix} from 'node:path';
import type {SyntaxNode as Node} from './tree.js';
import {scanOptions} from './options.js';
import type {ShellState} from './state.js';
import type {Word} from './types.js';
import {decodeAnsiC, echoOutput, printfOutput} from './printf.js';

const plain = /^[\w@%+=:,./~-]+$/;

/** The words of the one simple command a substitution runs, when all are plain text. */
function onlyCommand(node: Node, source: string, home: string): Word[] | undefined {
  const statements = node.namedChildren.filter((child) => child && child.type !== 'comment');
  let command = statements.length === 1 ? statements[0]! : undefined;
  // `$(mktemp 2>/dev/null)`: a redirect of its errors changes nothing it prints.
  if (command?.type === 'redirected_statement') {
    const redirects = command.children.filter((child) => child.type === 'file_redirect');
    if (!redirects.every((redirect) => /^2>/.test(source.slice(redirect.startIndex, redirect.endIndex)))) return undefined;
    command = command.childForFieldName('body') ?? undefined;
  }

  if (command?.type !== 'command') return undefined;
  const words: Word[] = [];
  for (const child of command.namedChildren) {
    if (!child) continue;
    const text = source.slice(child.startIndex, child.endIndex);
    if (child.type === 'command_name' || child.type === 'word') {
      if (!plain.test(text)) return undefined;
      // `~` and `~/…` at the start are the home folder, as the shell expands them; `~` elsewhere is a letter.
      words.push({value: /^~(?:\/|$)/.test(text) ? home + text.slice(1) : text, known: true, raw: text});
    } else if (child.type === 'raw_string' && plain.test(text.slice(1, -1))) words.push({value: text.slice(1, -1), known: true, raw: text});
    else return undefined;
  }

  return words;
}

/** Where `mktemp` makes its file or folder: a name from its template, X's standing for what it picks. */
function scratchPath(args: Word[], state: ShellState): string | undefined {
  const {options} = scanOptions(args, {takesValue: ['-p', '--suffix'], long: ['directory', 'dry-run', 'quiet', 'suffix', 'tmpdir']});
  if (options.operands.length > 1) return undefined;
  const template = options.operands[0]?.value ?? 'tmp.XXXXXXXXXX';
  if (!/X{3,}/.test(template)) return undefined;
  const tmpdirValue = state.lookup('TMPDIR');
  if (tmpdirValue && !tmpdirValue.known) return undefined;
  const tmpdir = tmpdirValue?.value || '/tmp';
  const given = options.values.get('-p')?.value ?? args.find((word) => word.value?.startsWith('--tmpdir='))?.value?.slice('--tmpdir='.length);
  const inTmp = given !== undefined || options.flags.has('--tmpdir') || options.flags.has('-t') || options.operands.length === 0;
  const suffix = options.values.get('--suffix')?.value ?? '';
  let path: string;
  if (inTmp) {
    if (template.includes('/')) return undefined;
    path = posix.join(given || tmpdir, template);
  } else path = template;
  path += suffix;
  if (path.startsWith('/')) return posix.normalize(path);
  return state.cwd.known ? posix.resolve(state.cwd.value, path) : undefined;
}

/** What `ssh-agent` prints for a Bourne shell to eval: the socket and pid settings. */
function agentSettings(args: Word[]): string | undefined {
  const {options} = scanOptions(args, {takesValue: ['-a', '-t', '-E', '-P']});
  if (options.operands.length > 0 || [...options.flags].some((flag) => flag !== '-s')) return undefined;
  return 'SSH_AUTH_SOCK=/tmp/ssh-XXXXXXXXXX/agent.1; export SSH_AUTH_SOCK;\nSSH_AGENT_PID=1; export SSH_AGENT_PID;\necho Agent pid 1;\n';
}

const shell = '(?: ?(?:-s |--shell[= ])?(?:bash|zsh|sh|ksh|fish))?';
const completion = new RegExp(`^completions?${shell}$`);
const init = new RegExp(`^init -${shell}$|^init --path$`);

/**
 * Tools that print shell setup for the shell that runs them to eval or source: completion
 * functions, the PATH entry of their shims, a prompt or directory hook (`eval "$(pyenv init
 * -)"`, `source <(kubectl completion bash)`). What they print defines functions, variables and
 * completions, and runs nothing that deletes or writes: guard takes it as that. Each tool by
 * the subcommand that prints it; the tool itself is judged as any command is.
 */
const setups: Record<string, RegExp> = {
  ...Object.fromEntries(
    ['kubectl', 'helm', 'gh', 'glab', 'docker', 'podman', 'nerdctl', 'minikube', 'kind', 'k3d', 'kustomize', 'flux', 'argocd', 'istioctl', 'velero', 'eksctl', 'oc', 'crictl', 'stern', 'kubeadm', 'hugo', 'npm', 'pnpm', 'deno', 'rustup', 'poetry'].map((name) => [name, completion]),
  ),
  ...Object.fromEntries(['rbenv', 'nodenv', 'jenv', 'goenv', 'plenv', 'phpenv'].map((name) => [name, init])),
  pyenv: new RegExp(`${init.source}|^virtualenv-init -${shell}$`),
  pip: /^completion --(?:bash|zsh|fish)$/,
  pip3: /^completion --(?:bash|zsh|fish)$/,
  zoxide: /^init (?:bash|zsh|fish)(?: --cmd \S+| --hook \S+| --no-cmd)*$/,
  starship: /^init (?:bash|zsh|fish)(?: --print-full-init)?$/,
  uv: /^generate-shell-completion (?:bash|zsh|fish)$/,
  mise: /^activate (?:bash|zsh|fish)$/,
  fnm: /^env(?: --use-on-cd| --shell[= ](?:bash|zsh|fish))*$/,
  direnv: /^hook (?:bash|zsh|fish)$/,
  conda: /^shell\.(?:bash|zsh|fish) hook$/,
  brew: /^shellenv$/,
  // It prints LS_COLORS, from its own table or the color file named.
  dircolors: /^(?:(?:-b|--sh|--bourne-shell)(?: |$))?(?:[^-\s]\S*)?$/,
  opam: /^env(?: --switch[= ]\S+| --set-switch| --shell[= ](?:bash|sh|zsh|fish))*$/,
};

/** Whether a command (its program and arguments, null for one guard cannot know) prints shell setup to eval or source. */
export function printsShellSetup(words: Array<string | null>): boolean {
  // The tool by its name or a full path; a relative path (`./pyenv`) is a file of the project's, not the tool.
  const program = words[0] ?? '';
  if (program.includes('/') && !program.startsWith('/')) return false;
  const name = posix.basename(program);
  if (!Object.hasOwn(setups, name) || words.some((word) => word === null)) return false;
  return setups[name]!.test(words.slice(1).join(' '));
}

/** A word written out in full: plain text, quotes without expansions in them, `$'…'`, or these side by side; undefined otherwise. */
function writtenOut(node: Node, source: string): string | undefined {
  const text = source.slice(node.startIndex, node.endIndex);
  switch (node.type) {
    case 'word':
    case 'command_name':
      return node.namedChildren.length === 0 && /^[^$`\\"'*?[{~]*$/.test(text) ? text : node.type === 'command_name' && node.namedChildren.length === 1 ? writtenOut(node.namedChildren[0]!, source) : undefined;
    case 'raw_string':
      return text.slice(1, -1);
    // tree-sitter reads a word of digits as a number (`printf 0`).
    case 'number':
      return /^-?\d+$/.test(text) ? text : undefined;
    case 'ansi_c_string':
      return decodeAnsiC(text.slice(2, -1));
    case 'string':
      return node.namedChildren.every((child) => child?.type === 'string_content') && !/[$`\\]/.test(text.slice(1, -1)) ? text.slice(1, -1) : undefined;
    case 'concatenation': {
      let joined = '';
      for (const child of node.namedChildren) {
        const part = child ? writtenOut(child, source) : undefined;
        if (part === undefined) return undefined;
        joined += part;
      }

      return source.slice(node.startIndex, node.endIndex).length === node.namedChildren.reduce((sum, child) => sum + (child ? child.endIndex - child.startIndex : 0), 0) ? joined : undefined;
    }

    default:
      return undefined;
  }
}

/** What `echo` or `printf` print when every word of theirs is written out in full; else undefined. */
function printed(node: Node, source: string, state: ShellState): string | undefined {
  // Backticks take a level of backslashes away first; a function or alias of the code's own named so prints what it will.
  if (source.slice(node.startIndex, node.endIndex).trimStart().startsWith('`') || state.ownPrinters) return undefined;
  const statements = node.namedChildren.filter((child) => child && child.type !== 'comment');
  const only = statements.length === 1 ? statements[0]! : undefined;
  return only ? printedBy(only, source, state) : undefined;
}

/** What one `echo` or `printf` command prints, when every word of it is written out in full. */
function printedBy(command: Node, source: string, state: ShellState): string | undefined {
  if (command.type !== 'command' || command.namedChildren.some((child) => child?.type === 'variable_assignment' || child?.type === 'file_redirect')) return undefined;
  const words: string[] = [];
  for (const child of command.namedChildren) {
    const word = child ? writtenOut(child, source) : undefined;
    if (word === undefined) return undefined;
    words.push(word);
  }

  if (state.functions.has(words[0]!)) return undefined;
  if (words[0] === 'echo') return echoOutput(words.slice(1));
  if (words[0] !== 'printf' || words.length < 2 || words[1] === '-v') return undefined;
  const at = words[1] === '--' ? 2 : 1;
  return words[at] === undefined ? undefined : printfOutput(words[at]!, words.slice(at + 1));
}

/** What a command substitution prints, when its one command is one of these; else undefined. */
export function knownOutput(node: Node, source: string, state: ShellState): string | undefined {
  if (node.type !== 'command_substitution') return undefined;
  // `$(echo FLUSHALL)`, `$(printf 'DROP %s x' DATABASE)`: their text, less the newlines at its end, as the shell takes it.
  const text = printed(node, source, state);
  if (text !== undefined) return text.replace(/\n+$/, '');
  const words = onlyCommand(node, source, state.home);
  if (!words || words.length === 0) return undefined;
  const name = posix.basename(words[0]!.value!);
  if (name === 'mktemp') return scratchPath(words.slice(1), state);
  if (name === 'ssh-agent') return agentSettings(words.slice(1));
  // Functions, variables and completions: nothing guard judges.
  if (printsShellSetup(words.map((word) => word.value))) return ':\n';
  return undefined;
}
