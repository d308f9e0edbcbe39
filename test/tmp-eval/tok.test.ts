import {test} from 'vitest';
import {tokenize} from '../../src/shell/interpreters/lexer.js';
test('tok', () => {
  for (const [code, lang] of [['$f = "un" . "link"; $f("/etc/crontab");', 'php'], ['import os; rm = os.remove; rm("/etc/passwd")', 'python'], ['send(:system, "rm -rf /")', 'ruby'], ['const rm = fs.rmSync; rm("/etc", {recursive: true})', 'node']] as const) {
    console.log(lang, JSON.stringify(tokenize(code, lang as any, new Map()).map((t: any) => t.kind === 'str' ? 'S:' + JSON.stringify(t.parts) : t.kind + ':' + (t.text ?? ''))));
  }
});
