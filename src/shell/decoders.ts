// What the decoders print for text guard knows (`echo cm0gLXJm… | base64 -d | sh`): a payload
// hidden in an encoding is judged as what it decodes to.

/**
 * What `base64 -d` (`--decode`) or `xxd -r -p` print for TEXT; undefined for other options, text
 * that is not all base64 (or hex) or decodes to anything but printable text: a payload hidden in
 * an encoding is read as what it decodes to.
 */
export function decoded(words: readonly string[], text: string): string | undefined {
  const [name, ...options] = words;
  // base64 stops at anything but its alphabet and line breaks; -i (ignore garbage) is not worked out.
  if (name === 'base64' && options.length > 0 && options.every((option) => option === '-d' || option === '--decode')) {
    const body = text.replace(/\n/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) return undefined;
    return printable(Buffer.from(body, 'base64').toString('utf8'));
  }

  if (name === 'xxd' && options.length > 0 && options.every((option) => /^-(?:r|p|rp|pr|ps|plain|revert)$/.test(option)) && options.some((option) => /r/.test(option)) && options.some((option) => /p/.test(option))) {
    const body = text.replace(/[ \n]/g, '');
    return /^(?:[0-9a-fA-F]{2})*$/.test(body) ? printable(Buffer.from(body, 'hex').toString('utf8')) : undefined;
  }

  return undefined;
}

const printable = (text: string): string | undefined => (/^[\t\n\x20-\x7e\u00a0-\uffff]*$/.test(text) && !text.includes('\ufffd') ? text : undefined);
