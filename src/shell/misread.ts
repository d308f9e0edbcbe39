// Text tree-sitter-bash misreads though bash reads it plainly, patched at the same offsets
// so that the new tree still indexes into the original text (nodes take their text from it):
// - a heredoc body whose first line starts with a backslash (`bash <<'EOF'` then `\rm -rf ~`)
//   is read as words of the command line, and the line vanishes from the body;
// - `/` alone as an operand of a test (`[ -w / ]`) is read as an operator, and the test fails
//   to parse;
// - a here-string after another redirect (`cat > notes.txt <<< "$x"`, `tr a-z A-Z 2>&1 <<< "$x"`)
//   fails to parse;
// - the descriptor 0 before a redirect (`bash 0< x.sh`, `0<x.sh bash`) is read as a word of the
//   command, and the command as another (`0`, or `bash 0` reading a file named 0).
import type {Node, Tree} from 'web-tree-sitter';

const heredocStarts = (root: Node): Node[] => root.descendantsOfType('heredoc_start').filter((node): node is Node => node !== null);

/** The first line of each heredoc body, patched so its backslash stays in the body. */
export function heredocFix(text: string, tree: Tree): string | undefined {
  if (!text.includes('<<') || !text.includes('\n\\')) return undefined;
  let patched: string | undefined;
  for (const start of heredocStarts(tree.rootNode)) {
    const lineEnd = text.indexOf('\n', start.endIndex);
    if (lineEnd === -1 || text[lineEnd + 1] !== '\\') continue;
    const at = lineEnd + 1;
    patched = `${(patched ?? text).slice(0, at)}x${(patched ?? text).slice(at + 1)}`;
  }

  return patched;
}

// `[ … / … ]` and `[[ … / … ]]` on one line: a lone `/` word between the brackets.
const testWithSlash = /(\[\[?[ \t])([^\n]*?)([ \t]\]\]?)/g;

/** Tests whose lone `/` operand broke the parse, with `.` (the same length) in its place. */
export function testSlashFix(text: string): string | undefined {
  if (!text.includes('/') || !text.includes('[')) return undefined;
  const patched = text.replace(testWithSlash, (_, open: string, body: string, close: string) => `${open}${body.replace(/(^|[ \t])\/(?=[ \t]|$)/g, '$1.')}${close}`);
  return patched === text ? undefined : patched;
}

// A brace expansion as the command word (`{ls,-la,/etc}`, bash runs `ls -la /etc`): the grammar
// takes its `{` for the start of a group. At the start of a command, a `{` with no blank after
// it and a `,` or `..` before its `}`.
const braceCommand = /(^|[;&|(\n]|\b(?:then|do|else|elif|if|while|until|time|!)[ \t]+)([ \t]*)\{(?=[^\s{}]*(?:,|\.\.)[^\s{}]*\})/g;

/** Commands that are a brace expansion, their `{` replaced by a letter (the same length) so that they parse as words. */
export function braceCommandFix(text: string): string | undefined {
  if (!text.includes('{')) return undefined;
  const patched = text.replace(braceCommand, (_, before: string, blank: string) => `${before}${blank}x`);
  return patched === text ? undefined : patched;
}

/** Here-strings as `<` and two blanks (the same length), which parse after any redirect; the walk reads them back as here-strings from the text, which still says `<<<`. */
export function herestringFix(text: string): string | undefined {
  return text.includes('<<<') ? text.replaceAll('<<<', '<  ') : undefined;
}

// A lone `0` where a word starts, right before `<` or `>`.
const zeroDescriptor = /(^|[\s;&|(){}`])0(?=[<>])/g;

/** Each descriptor 0 of a redirect as 9 (the same length), which the grammar reads as a descriptor; the walk takes the number from the text, which still says 0. */
export function zeroDescriptorFix(text: string): string | undefined {
  if (!text.includes('0<') && !text.includes('0>')) return undefined;
  const patched = text.replace(zeroDescriptor, '$19');
  return patched === text ? undefined : patched;
}
