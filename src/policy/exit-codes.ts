// `--retry-on 1,75,timeout` and the policy's `retryOn`: exit statuses and the word
// `timeout`, one grammar for both so a value means the same in a crontab line and a file.

/** The codes, or the first item that is neither a status (0-255) nor `timeout`. */
export function parseExitCodes(items: ReadonlyArray<number | string>): {codes: Array<number | 'timeout'>} | {bad: string} {
  const codes: Array<number | 'timeout'> = [];
  for (const raw of items) {
    const item = String(raw).trim();
    if (item === 'timeout') codes.push('timeout');
    else if (/^\d{1,3}$/.test(item) && Number(item) <= 255) codes.push(Number(item));
    else return {bad: item};
  }

  return {codes};
}
