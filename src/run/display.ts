const plain = /^[\w@%+=:,./-]+$/;

/** argv as a person would type it into sh: the `command` column and the messages. */
export function displayCommand(argv: readonly string[]): string {
  return argv.map((word) => (plain.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}
