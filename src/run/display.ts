const plain = /^[\w@%+=:,./-]+$/;
// C0 controls, DEL and C1 controls: written raw, they would move a terminal's cursor or
// forge a line when someone reads the log (sudo escapes them in its logs for that reason).
const control = /[\x00-\x1f\x7f-\x9f]/;

function escaped(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\\' || char === "'") return `\\${char}`;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code >= 0x80 && code <= 0x9f) return `\\u00${code.toString(16)}`;
  return char;
}

function quoted(word: string): string {
  if (plain.test(word)) return word;
  // bash's $'…' spells every byte in printable characters and still pastes back as the same word.
  if (control.test(word)) return `$'${[...word].map(escaped).join('')}'`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** argv as a person would type it into sh: the `command` column and the messages. */
export function displayCommand(argv: readonly string[]): string {
  return argv.map(quoted).join(' ');
}
