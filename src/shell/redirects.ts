// A redirection as the shell evaluates it: its target word, and what it feeds the command's
// standard input (a heredoc, a here-string, a file).
import {codeFromAtoms, plainCode} from './code.js';
import {duplicated} from './descriptors.js';
import {type WordScope, expandSingle, expandSingleAtoms, textOf, wordFromAtoms} from './expand.js';
import type {Frame, Stdin} from './frame.js';
import {heredocBody} from './heredoc.js';
import type {Session} from './session-port.js';
import type {SyntaxNode as Node} from './tree.js';
import type {Redirect, RedirectOp, Word} from './types.js';

/** What a redirection comes to: its redirects, the input it feeds, and words tree-sitter hung on it that belong to the command. */
export interface Evaluated {
  redirects: Redirect[];
  stdin?: Stdin;
  args: Node[];
}

const fdOf = (node: Node | undefined, source: string): {fd?: number} => (node ? {fd: Number(textOf(node, source))} : {});

export function evaluateRedirect(node: Node, scope: WordScope, frame: Frame, session: Session): Evaluated {
  const descriptor = node.children.find((child) => child.type === 'file_descriptor');
  if (node.type === 'heredoc_redirect') {
    const body = heredocBody(node, scope, (code, via) => session.runCode(plainCode(code), scope.state.fork(), frame, via, session.locate(node, frame)));
    const op = node.children.some((child) => child.type === '<<-') ? '<<-' : '<<';
    const nested = node.children.filter((child) => child.type === 'file_redirect' || child.type === 'herestring_redirect').map((child) => evaluateRedirect(child, scope, frame, session));
    const code = body.quoted ? plainCode(body.word.raw) : codeFromAtoms(body.atoms);
    return {
      redirects: [{op, ...fdOf(descriptor, scope.source), target: body.word}, ...nested.flatMap((r) => r.redirects)],
      stdin: {kind: 'heredoc', code, start: body.start},
      args: nested.flatMap((r) => r.args),
    };
  }

  const opNode = node.type === 'herestring_redirect' ? undefined : node.children.find((child) => !child.isNamed && /^[<>&]/.test(child.type));
  const destinations = node.childrenForFieldName('destination');
  // tree-sitter-bash reads a redirect whose target is an escaped blank alone (`echo > \ ` or
  // `cat <<< \ ` at a line's end) as going on past the end of the line, the next line's command
  // its words; bash ends the command at that newline and runs the next line. A newline without a
  // backslash before it between the operator and a word: the tree is not what bash runs.
  let from = (opNode ?? node.children.find((child) => child.type === '<<<'))?.endIndex ?? node.startIndex;
  for (const word of node.type === 'herestring_redirect' ? node.namedChildren.filter((child) => child.type !== 'file_descriptor') : destinations) {
    if (/(?:^|[^\\])\n/.test(scope.source.slice(from, word.startIndex))) {
      session.problem('syntax', 'a redirect whose target is an escaped blank at the end of a line is syntax guard cannot follow here', session.locate(node, frame));
      break;
    }
    from = word.endIndex;
  }

  // A here-string read as `<` in text patched for the parser (misread.ts's herestringFix): the source still says `<<<`.
  if (node.type === 'herestring_redirect' || (opNode?.type === '<' && scope.source.startsWith('<<<', opNode.startIndex))) {
    const wordNode = opNode ? destinations[0] : node.namedChildren.find((child) => child && child.type !== 'file_descriptor');
    const atoms = wordNode ? expandSingleAtoms(wordNode, scope) : [];
    const target = wordFromAtoms(atoms, wordNode ? textOf(wordNode, scope.source) : '');
    return {redirects: [{op: '<<<', ...fdOf(descriptor, scope.source), target}], stdin: {kind: 'herestring', code: codeFromAtoms(atoms)}, args: opNode ? destinations.slice(1) : []};
  }

  const op = (opNode?.type ?? '>') as RedirectOp;
  const destination = destinations[0];
  const rest = destinations.slice(1);
  const target: Word = destination ? expandSingle(destination, scope) : {value: '', known: true, raw: ''};
  const {fd} = fdOf(descriptor, scope.source);
  const input = (op === '<' || op === '<>') && (fd === undefined || fd === 0);
  // Built without spreads: most commands of a script carry a redirect.
  const evaluated: Evaluated = {redirects: [fd === undefined ? {op, target} : {op, fd, target}], args: rest};
  // The shell here opens the file, whatever host or container runs what reads it (`ssh host bash <
  // x.sh`): a relative name is resolved where this shell is.
  const cwd = scope.state.cwd;
  if (input) evaluated.stdin = cwd.known ? {kind: 'file', target, from: cwd.value} : {kind: 'file', target};
  // `bash <&3`: what the descriptor holds, if `exec` opened it (`exec 3< x.sh`), else code guard cannot see.
  else if ((op === '<&' && (fd === undefined || fd === 0)) || (op === '>&' && fd === 0)) {
    const dup = duplicated(target, scope.state);
    if (dup) evaluated.stdin = dup;
    // What the descriptor holds is read as from a `<` of that file (`exec 3< q.sql; psql <&3`).
    if (dup?.kind === 'file') evaluated.redirects.push({op: '<', target: dup.target});
  }

  return evaluated;
}
