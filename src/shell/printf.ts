// What echo and printf print for words guard knows: so that a command spelled out by them
// (`c=$(printf '%s%s' 'mk' 'fs.xfs')`, `$(echo FLUSHALL)`, `printf -v q 'DROP %s x' DATABASE`) is
// judged as the command it is, and a harmless one passes. Only what bash's builtins, dash's and
// coreutils' print alike is worked out: a backslash escape one of them reads differently (`\x`,
// `\u`, echo's escapes at all), a number in octal or hex, a precision on a number, an option,
// or a width past a few hundred is undefined, and guard keeps the output unknown.

// The escapes every printf reads the same in its format: single letters, and \NNN in octal.
const simple: Record<string, string> = {a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'"};

/** printf's format with its escapes read; undefined where one is not read alike by every printf. */
function formatText(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }

    const next = text[i + 1];
    if (next === undefined) return undefined;
    if (Object.hasOwn(simple, next)) {
      out += simple[next];
      i++;
      continue;
    }

    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0];
    if (octal === undefined || octal.startsWith('0')) return undefined;
    out += String.fromCharCode(parseInt(octal, 8));
    i += octal.length;
  }

  return out;
}

/** What `echo WORDS…` prints: `-n` alone of its options, and no backslash (bash, dash and zsh read those differently). */
export function echoOutput(words: readonly string[]): string | undefined {
  let at = 0;
  while (at < words.length && /^-[neE]+$/.test(words[at]!)) {
    if (!/^-n+$/.test(words[at]!)) return undefined;
    at++;
  }

  const rest = words.slice(at);
  // A backslash before a letter, a digit or another backslash is an escape to dash's echo and not to
  // bash's; before anything else (`\"`, `\$`) every echo prints both characters.
  if (rest.some((word) => /\\(?:[\w\\]|$)/.test(word))) return undefined;
  return rest.join(' ') + (at > 0 ? '' : '\n');
}

const conversion = /%([-+ 0]*)(\d*)(?:\.(\d*))?([sbdiucxXo%])/g;
// A width or precision past this is no command anyone writes, and would only cost memory.
const widest = 256;
const decimal = /^[-+]?(?:0|[1-9]\d*)$/;

/** What `printf FORMAT ARGS…` prints; undefined where the format asks for what guard does not emulate. */
export function printfOutput(format: string, args: readonly string[]): string | undefined {
  if (format.startsWith('-')) return undefined;
  // A % that the conversions below do not take (`%q`, `%(%F)T`, `%*s`, `%#x`) is not emulated.
  if (format.replace(conversion, '').includes('%')) return undefined;
  const pieces = format.split(conversion);
  const texts: string[] = [];
  // split with the four groups: text, then flags, width, precision, letter, text, …
  for (let i = 0; i < pieces.length; i += 5) {
    const text = formatText(pieces[i]!);
    if (text === undefined) return undefined;
    texts.push(text);
  }

  let out = '';
  let next = 0;
  const arg = () => args[next++] ?? '';
  // The format is used again while arguments are left, as printf does (at least once).
  do {
    const start = next;
    for (let i = 0, piece = 0; i < pieces.length; i += 5, piece++) {
      out += texts[piece];
      if (i + 4 >= pieces.length) break;
      const [flags, width, precision, letter] = [pieces[i + 1] ?? '', pieces[i + 2] ?? '', pieces[i + 3], pieces[i + 4]!];
      if (Number(width || 0) > widest || Number(precision || 0) > widest) return undefined;
      let value: string;
      if (letter === '%') value = '%';
      else if (letter === 's' || letter === 'b') {
        value = arg();
        // %b reads escapes in its argument, each printf its own way.
        if (letter === 'b' && value.includes('\\')) return undefined;
        if (precision !== undefined) value = value.slice(0, Number(precision || 0));
      } else if (letter === 'c') value = arg().slice(0, 1);
      else {
        // A number in decimal: a leading 0 is octal, 0x hex and 'c a character code, read differently by each printf.
        const given = arg().trim();
        if (precision !== undefined || (given !== '' && !decimal.test(given))) return undefined;
        const number = given === '' ? 0 : Number(given);
        if (!Number.isSafeInteger(number) || (number < 0 && letter !== 'd' && letter !== 'i')) return undefined;
        value = letter === 'x' ? number.toString(16) : letter === 'X' ? number.toString(16).toUpperCase() : letter === 'o' ? number.toString(8) : String(number);
        if (flags.includes('+') && number >= 0 && (letter === 'd' || letter === 'i')) value = `+${value}`;
      }

      const pad = Number(width || 0) - value.length;
      if (pad > 0) value = flags.includes('-') ? value + ' '.repeat(pad) : (flags.includes('0') && letter !== 's' && letter !== 'b' && letter !== 'c' ? '0' : ' ').repeat(pad) + value;
      out += value;
    }

    if (next === start) break;
  } while (next < args.length);
  // The shell drops what follows a NUL in a substitution; a file keeps it: either way, not plain text.
  return out.includes('\0') ? undefined : out;
}

/** ANSI-C quoting, `$'…'`: the escapes bash decodes. */
export function decodeAnsiC(text: string): string {
  const simple: Record<string, string> = {a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?'};
  return text.replace(/\\(?:([abeEfnrtv\\'"?])|([0-7]{1,3})|x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|c(.))/g, (match, s, octal, hex, u, big, control) => {
    if (s) return simple[s]!;
    if (octal) return String.fromCharCode(parseInt(octal, 8) & 0xff);
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    const code = parseInt(u ?? big ?? '', 16);
    if (u || big) return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    if (control) return String.fromCharCode(control.charCodeAt(0) & 0x1f);
    return match;
  });
}
