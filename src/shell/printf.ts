// What bash's echo and printf print for words guard knows: so that a command spelled out by them
// (`c=$(printf '%s%s' 'mk' 'fs.xfs')`, `$(echo -e '\x73\x68…')`, `printf -v q 'DROP %s x' DATABASE`)
// is judged as the command it is, and a harmless one passes. What is beyond this small part of
// printf (`%q`, `%(…)T`, a `*` width) is undefined: guard keeps the output unknown.

// The escapes both read: echo -e's, and printf's in its format and in `%b`'s argument.
const simple: Record<string, string> = {a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'"};

/**
 * Backslash escapes as echo -e and printf's `%b` read them (`\0NNN` octal, `\c` stops all
 * output), or as printf reads its format (`\NNN` octal). `stopped` says a `\c` was met.
 */
function unescape(text: string, style: 'echo' | 'format'): {text: string; stopped: boolean} {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }

    const next = text[i + 1]!;
    if (Object.hasOwn(simple, next)) {
      out += simple[next];
      i++;
    } else if (next === 'c' && style === 'echo') return {text: out, stopped: true};
    else if (next === 'x' && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (style === 'echo' && next === '0') {
      const octal = /^[0-7]{0,3}/.exec(text.slice(i + 2))![0];
      out += String.fromCharCode(parseInt(octal || '0', 8) & 0xff);
      i += 1 + octal.length;
    } else if (style === 'format' && /[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(octal, 8) & 0xff);
      i += octal.length;
    } else out += ch;
  }

  return {text: out, stopped: false};
}

/** What `echo WORDS…` prints (bash's builtin: `-n`, `-e`, `-E` as leading options). */
export function echoOutput(words: readonly string[]): string {
  let newline = true;
  let escapes = false;
  let at = 0;
  for (; at < words.length && /^-[neE]+$/.test(words[at]!); at++) {
    for (const flag of words[at]!.slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
  }

  const text = words.slice(at).join(' ');
  if (!escapes) return newline ? `${text}\n` : text;
  const read = unescape(text, 'echo');
  return read.stopped || !newline ? read.text : `${read.text}\n`;
}

const conversion = /%([-+ 0#]*)(\d*)(?:\.(\d*))?([sbdiucxXo%])/g;

/** What `printf FORMAT ARGS…` prints; undefined where the format asks for what guard does not emulate. */
export function printfOutput(format: string, args: readonly string[]): string | undefined {
  // Anything with a % that the conversions below do not take (`%q`, `%(%F)T`, `%*s`) is not emulated.
  if (format.replace(conversion, '').includes('%')) return undefined;
  let out = '';
  let next = 0;
  const arg = () => args[next++] ?? '';
  // The format is used again while arguments are left, as bash does (at least once).
  do {
    const start = next;
    let failed = false;
    let stopped = false;
    const pieces = format.split(conversion);
    // split with 4 groups: text, flags, width, precision, letter, text, …
    for (let i = 0; i < pieces.length; i += 5) {
      out += unescape(pieces[i]!, 'format').text;
      if (i + 4 >= pieces.length) break;
      const [flags, width, precision, letter] = [pieces[i + 1] ?? '', pieces[i + 2] ?? '', pieces[i + 3], pieces[i + 4]!];
      let value: string;
      if (letter === '%') value = '%';
      else if (letter === 's') value = precision === undefined ? arg() : arg().slice(0, Number(precision || 0));
      else if (letter === 'b') {
        const read = unescape(arg(), 'echo');
        value = read.text;
        stopped = read.stopped;
      } else if (letter === 'c') value = arg().slice(0, 1);
      else {
        const given = arg().trim();
        const number = given === '' ? 0 : /^[-+]?\d+$/.test(given) ? Number(given) : undefined;
        if (number === undefined || !Number.isSafeInteger(number)) {
          failed = true;
          break;
        }

        value = letter === 'x' ? number.toString(16) : letter === 'X' ? number.toString(16).toUpperCase() : letter === 'o' ? number.toString(8) : String(number);
        if (flags.includes('+') && number >= 0 && (letter === 'd' || letter === 'i')) value = `+${value}`;
      }

      const pad = Number(width || 0) - value.length;
      if (pad > 0) value = flags.includes('-') ? value + ' '.repeat(pad) : (flags.includes('0') && letter !== 's' ? '0' : ' ').repeat(pad) + value;
      out += value;
      if (stopped) return out;
    }

    if (failed) return undefined;
    if (next === start) break;
  } while (next < args.length);
  return out;
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
