import {describe, expect, test} from 'vitest';
import {readCode, shellCode} from '../../src/shell/interpreters/index.js';
import {tokenize} from '../../src/shell/interpreters/lexer.js';
import {tables} from '../../src/shell/interpreters/tables.js';
import {analyze, spelled} from './fixture.js';

const amountsTo = (code: string, language: Parameters<typeof readCode>[1]) =>
  readCode(code, language)
    .filter(({derived}) => derived.kind !== 'opaque')
    .map(({derived}) => shellCode(derived, 'fork').text.replace(/__guard_unknown_\d+/g, 'unknown'));

describe('each call of the interpreter tables amounts to the shell command its examples say', () => {
  const cases = Object.entries(tables).flatMap(([language, entries]) => entries.flatMap((entry) => entry.examples().map(([code, command]) => [language, code, command] as const)));
  test.each(cases)('%s: %s is %s', (language, code, command) => {
    expect(amountsTo(code, language as never)).toContain(command);
  });
});

describe('calls inside strings and comments are no calls', () => {
  test.each([
    ['python', 'print("os.remove(\'/etc/hosts\')")'],
    ['python', '# shutil.rmtree("/")\nprint(1)'],
    ['python', 'x = """\nos.system("reboot")\n"""'],
    ['perl', "print 'system(\"reboot\")'"],
    ['perl', 's/unlink "x"/y/g'],
    ['ruby', 'puts %q(system("reboot"))'],
    ['node', '// require("child_process").execSync("reboot")\nconsole.log(1)'],
    ['node', '/* fs.rmSync("/") */ 1'],
    ['php', 'echo \'unlink("/etc/passwd");\';'],
    ['lua', '-- os.execute("reboot")\nprint(1)'],
    ['lua', 'print([[os.execute("reboot")]])'],
    ['awk', '{ print "system(\\"reboot\\")" }'],
    ['awk', '$3 > 1000 { print $1 }'],
  ] as const)('%s: %j', (language, code) => {
    expect(amountsTo(code, language)).toEqual([]);
  });
});

describe('targets are read as the shell would read its words', () => {
  test.each([
    ['python', 'shutil.rmtree(os.path.expanduser("~/.ssh"))', 'rm -rf "${HOME}"/.ssh'],
    ['python', 'shutil.rmtree(pathlib.Path.home() / "src")', 'rm -rf "${HOME}"/src'],
    ['python', 'shutil.rmtree("~")', 'rm -rf "${HOME}"'],
    ['python', 'shutil.rmtree(target)', 'rm -rf "${unknown}"'],
    ['python', 'shutil.rmtree(f"/srv/{name}")', "rm -rf /srv/\"${unknown}\""],
    ['perl', 'unlink "$ENV{HOME}/.bashrc"', 'rm -f "${HOME}"/.bashrc'],
    ['node', 'require("fs").rmSync(process.env.HOME + "/x", {recursive: true})', 'rm -r "${HOME}"/x'],
    ['node', 'fs.rmSync(require("os").homedir(), {recursive: true, force: true})', 'rm -r -f "${HOME}"'],
    ['ruby', 'FileUtils.rm_rf(File.join(Dir.home, "x"))', 'rm -rf "${HOME}"/x'],
    ['php', 'unlink(getenv("HOME") . "/.profile");', 'rm "${HOME}"/.profile'],
    ['lua', 'os.remove(os.getenv("HOME") .. "/.profile")', 'rm "${HOME}"/.profile'],
    ['awk', 'BEGIN { print "x" > ENVIRON["HOME"] "/.profile" }', ': > "${HOME}"/.profile'],
    ['python', 'import shutil\nd = "/etc"\nshutil.rmtree(d)', 'rm -rf /etc'],
    ['python', 'import shutil; d = "dist"; d += "/../.."; shutil.rmtree(d)', 'rm -rf "${unknown}"'],
    ['python', 'd = "dist"\nd = input()\nshutil.rmtree(d)', 'rm -rf "${unknown}"'],
    ['python', 'import glob, os\nfor f in glob.glob("*.pyc"):\n    os.remove(f)', 'rm *.pyc'],
    ['python', '[os.remove(f) for f in glob.glob("/etc/*.conf")]', 'rm /etc/*.conf'],
    ['python', 'import pathlib\nfor p in pathlib.Path("logs").glob("*.log"):\n    p.unlink()', 'rm logs/*.log'],
    ['python', 'from pathlib import Path\nfor p in Path("/var/log/").iterdir():\n    p.unlink()', 'rm /var/log/*'],
    ['perl', 'my $dir = "$ENV{HOME}/.ssh"; remove_tree($dir)', 'rm -rf "${HOME}"/.ssh'],
    ['node', 'const out = "dist"; require("fs").rmSync(out, {recursive: true})', 'rm -r dist'],
    ['python', 'import shutil as s; s.rmtree("/opt")', 'rm -rf /opt'],
    ['python', 'from os import remove as rm\nrm("/etc/hosts")', 'rm /etc/hosts'],
    ['python', 'import subprocess as sp; sp.call(["shutdown", "-h", "now"])', 'shutdown -h now'],
    ['perl', 'kill KILL => -1', 'kill -KILL -1'],
    // A scratch folder the code makes for itself, as $(mktemp -d) is in the shell.
    ['python', 'import tempfile, shutil; d = tempfile.mkdtemp(); shutil.rmtree(d)', 'rm -rf "${TMPDIR:-/tmp}"/tmpXXXXXXXX'],
    ['python', 'd = tempfile.mkdtemp(prefix="job-"); shutil.rmtree(d)', 'rm -rf "${TMPDIR:-/tmp}"/tmpXXXXXXXX'],
    ['python', 'd = tempfile.mkdtemp(dir="/"); shutil.rmtree(d)', 'rm -rf "${unknown}"'],
    ['python', 'd = tempfile.mkdtemp("", "", "/etc"); shutil.rmtree(d)', 'rm -rf "${unknown}"'],
    ['python', 'd = tempfile.mkdtemp(prefix="../etc/x"); shutil.rmtree(d)', 'rm -rf "${unknown}"'],
    ['python', 'd = tempfile.mkdtemp(); shutil.rmtree(d + "/..")', 'rm -rf "${TMPDIR:-/tmp}"/tmpXXXXXXXX/..'],
    ['python', 'shutil.rmtree(tempfile.gettempdir())', 'rm -rf "${TMPDIR:-/tmp}"'],
    ['ruby', 'd = Dir.mktmpdir; FileUtils.rm_rf(d)', 'rm -rf "${TMPDIR:-/tmp}"/tmpXXXXXXXX'],
    ['node', 'const d = fs.mkdtempSync(path.join(os.tmpdir(), "job-")); fs.rmSync(d, {recursive: true})', 'rm -r "${TMPDIR:-/tmp}"/job-XXXXXX'],
    ['node', 'const d = fs.mkdtempSync("../etc/x"); fs.rmSync(d, {recursive: true})', 'rm -r "${unknown}"'],
    ['node', 'const d = fs.mkdtempSync(prefix); fs.rmSync(d, {recursive: true})', 'rm -r "${unknown}"'],
  ] as const)('%s: %s is %s', (language, code, command) => {
    expect(amountsTo(code, language)).toContain(command);
  });
});

describe('fork loops are fork bombs', () => {
  test.each([
    ['python', 'import os\nwhile True:\n    os.fork()'],
    ['perl', 'fork while 1'],
    ['perl', 'while (1) { fork }'],
    ['ruby', 'loop { fork }'],
    ['ruby', 'loop do Process.fork end'],
    ['node', 'while (true) require("child_process").spawn(process.execPath, [process.argv[1]])'],
    ['php', 'while (true) pcntl_fork();'],
  ] as const)('%s: %j', (language, code) => {
    expect(readCode(code, language).map(({derived}) => derived.kind)).toContain('fork');
  });

  test('one fork is no loop', () => {
    expect(readCode('import os\nif os.fork() == 0:\n    print(1)', 'python').map(({derived}) => derived.kind)).not.toContain('fork');
  });
});

describe('code guard cannot read is said to be so', () => {
  test.each([
    ['python', 'exec(open("x.py").read())'],
    ['node', 'eval(process.argv[1])'],
    ['ruby', 'eval(ARGV[0])'],
    ['php', 'eval($argv[1]);'],
    ['perl', 'eval $ARGV[0]'],
    ['lua', 'load(arg[1])()'],
  ] as const)('%s: %j', (language, code) => {
    expect(readCode(code, language).map(({derived}) => derived.kind)).toContain('opaque');
  });
});

describe('the tokenizer stays linear on long and hostile input', () => {
  test.each([
    ['python', '"'.repeat(200_000)],
    ['perl', 's{'.repeat(50_000)],
    ['node', '`${'.repeat(50_000)],
    ['python', `os.remove(${'('.repeat(50_000)}`],
    ['ruby', '%x('.repeat(50_000)],
    ['awk', `BEGIN { print ${'"x" '.repeat(50_000)} > "/tmp/x" }`],
    ['python', `${'f('.repeat(20_000)}${')'.repeat(20_000)}`],
    ['python', `[x ${'for a in b '.repeat(20_000)}]`],
    ['perl', 'system '.repeat(20_000)],
  ] as const)('%s: a long or deeply nested input is read in linear time', (language, code) => {
    // Quadratic work here takes minutes or runs out of memory; linear work takes well under a second, on a busy machine a few.
    const started = performance.now();
    tokenize(code, language);
    readCode(code, language);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('the commands reach the shell rules, said to come from the call', () => {
  test.each([
    ["python3 -c 'import shutil; shutil.rmtree(\"/srv/x\")'", 'rm -rf /srv/x', 'python3 -c shutil.rmtree("/srv/x")'],
    ["python3 - <<'PY'\nimport shutil\nshutil.rmtree(\"/home\")\nPY", 'rm -rf /home', 'python3 (code on standard input) shutil.rmtree("/home")'],
    ["perl -le 'unlink \"/etc/passwd\"'", 'rm -f /etc/passwd', 'perl -e unlink "/etc/passwd"'],
    ["awk 'BEGIN { system(\"reboot\") }'", 'reboot', 'awk program system("reboot")'],
    ["ssh web1 \"python3 -c 'import os; os.system(\\\"reboot\\\")'\"", 'reboot', 'on web1: python3 -c os.system("reboot")'],
    // A script file the same code wrote is read as that code.
    ["cat > purge.py <<'PY'\nimport shutil\nshutil.rmtree('/var/log/audit')\nPY\npython3 purge.py", 'rm -rf /var/log/audit', "python3 purge.py (written by the code) shutil.rmtree('/var/log/audit')"],
    ["printf 'unlink \"/etc/passwd\";\\n' > x.pl && perl ./x.pl", 'rm -f /etc/passwd', 'perl ./x.pl (written by the code) unlink "/etc/passwd"'],
    ["printf '#!/usr/bin/env python3\\nimport os\\nos.remove(\"/etc/passwd\")\\n' > x.py && ./x.py", 'rm /etc/passwd', 'python3 ./x.py (written by the code) os.remove("/etc/passwd")'],
  ])('%j runs %s', async (script, command, where) => {
    const analysis = await analyze(script);
    const reached = analysis.commands.find((found) => spelled(found) === command);
    expect(reached, analysis.commands.map(spelled).join('; ')).toBeDefined();
    expect(reached!.where).toBe(where);
  });
});

describe('python import aliases name the module they stand for', () => {
  test.each([
    ['from shutil import rmtree as wipe\nwipe("/srv")', 'rm -rf /srv'],
    ['from os import system as run_it; run_it("reboot")', 'reboot'],
    ['import os.path, shutil as sh; sh.rmtree("/opt")', 'rm -rf /opt'],
  ])('%j is %s', (code, command) => {
    expect(amountsTo(code, 'python')).toContain(command);
  });
});

describe('a script file the code did not write is not read', () => {
  test.each(['python3 ./manage.py migrate', "echo 'import os' > a.py; python3 b.py"])('%j', async (script) => {
    const analysis = await analyze(script);
    expect(analysis.commands.some((command) => command.via.some((via) => via.includes('written by the code')))).toBe(false);
  });
});

describe("the command line's arguments are the code's (sys.argv, ARGV, process.argv, $argv)", () => {
  test.each([
    ["python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[1])' ./build", 'rm -rf ./build'],
    ["python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[2])' ./a /srv/b", 'rm -rf /srv/b'],
    ["python3 -c 'import os, sys; os.remove(f\"{sys.argv[1]}/x\")' /etc", 'rm /etc/x'],
    ["ruby -e 'require \"fileutils\"; FileUtils.rm_rf(ARGV[0])' ./tmp/x", 'rm -rf ./tmp/x'],
    ["ruby -e 'FileUtils.rm_rf(ARGV[0])' -- /srv", 'rm -rf /srv'],
    // Python reads no option after -c CODE: `-x` is sys.argv[1].
    ["python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[2])' -x /etc ./b", 'rm -rf /etc'],
    ["perl -e 'use File::Path; rmtree($ARGV[0])' /var/lib/mysql", 'rm -rf /var/lib/mysql'],
    ["node -e 'require(\"fs\").rmSync(process.argv[1], {recursive: true})' /usr", 'rm -r /usr'],
    ["php -r 'unlink($argv[1]);' /etc/passwd", 'rm /etc/passwd'],
    // A script the same code wrote gets the words after its name.
    ["cat > purge.py <<'PY'\nimport shutil, sys\nshutil.rmtree(sys.argv[1])\nPY\npython3 purge.py /var/lib/postgresql", 'rm -rf /var/lib/postgresql'],
  ])('%j runs %s', async (script, command) => {
    const analysis = await analyze(script);
    expect(analysis.commands.map(spelled), analysis.commands.map(spelled).join('; ')).toContain(command);
  });

  test.each([
    // sys.argv[0] is `-c`, not a word of the command line; an index past the words is not given.
    ["python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[0])' /srv", /known only when the code runs/],
    ["python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[2])' ./build", /argument 2 is not given/],
    ['python3 -c \'import shutil, sys; shutil.rmtree(sys.argv[1])\' "$(cat dirs.txt)"', /cat dirs.txt/],
    // A glob may be any number of words: the ones after it are not counted.
    ["python3 -c 'import shutil, sys; shutil.rmtree(sys.argv[2])' /[eu]* ./safe", /may match any number of files/],
  ])('%j deletes what guard cannot know', async (script, why) => {
    const analysis = await analyze(script);
    const rm = analysis.commands.find((command) => command.program.value === 'rm');
    expect(rm?.argv.at(-1)?.known).toBe(false);
    expect(rm?.argv.at(-1)?.why).toMatch(why);
  });
});

describe('a function passed as a value is called on what it is mapped over', () => {
  test.each([
    ['php', 'array_map("unlink", glob("/var/www/*"));', 'rm /var/www/*'],
    ['php', 'array_walk($x, "unlink");', 'rm'],
    ['php', 'call_user_func("system", "reboot");', 'reboot'],
    ['php', 'call_user_func_array("unlink", ["/etc/passwd"]);', 'rm /etc/passwd'],
    ['python', 'import os, glob; list(map(os.remove, glob.glob("/etc/*.conf")))', 'rm /etc/*.conf'],
    ['node', 'const fs = require("fs"), glob = require("glob"); glob.sync("/srv/*").forEach(fs.unlinkSync)', 'rm /srv/*'],
  ] as const)('%s: %s is %s', (language, code, command) => {
    expect(amountsTo(code, language).map((text) => text.replace(/ "?\$\{unknown\}"?/g, ''))).toContain(command);
  });

  test.each([
    ['php', 'array_map("strtoupper", ["a", "b"]);'],
    ['python', 'print(list(map(str, [1, 2])))'],
    ['node', '[1, 2].map(String).forEach(console.log)'],
  ] as const)('%s: %s runs nothing', (language, code) => {
    expect(amountsTo(code, language)).toEqual([]);
  });
});

describe('a call through a name bound to a function is that function\'s call', () => {
  test.each([
    ['python', 'import os; rm = os.remove; rm("/etc/passwd")', 'rm /etc/passwd'],
    ['python', 'import shutil; f = getattr(shutil, "rm" + "tree"); f("/usr/share")', 'rm -rf /usr/share'],
    ['node', 'const fs = require("fs"); const rm = fs.rmSync; rm("/etc", {recursive: true})', 'rm -r /etc'],
    ['php', '$f = "un" . "link"; $f("/etc/crontab");', 'rm /etc/crontab'],
    ['ruby', 'send(:system, "reboot")', 'reboot'],
    ['ruby', 'FileUtils.public_send(:rm_rf, "/usr")', 'rm -rf /usr'],
  ] as const)('%s: %s is %s', (language, code, command) => {
    expect(amountsTo(code, language)).toContain(command);
  });

  test.each([
    ['python', 'import os; rm = os.remove; rm = print; rm("/etc/passwd")'],
    ['php', '$f = "strtoupper"; echo $f("x");'],
    ['ruby', 'send(:puts, "hi")'],
  ] as const)('%s: %s runs nothing', (language, code) => {
    expect(amountsTo(code, language)).toEqual([]);
  });
});

describe('an environment variable read with a default is that default when it is unset', () => {
  test.each([
    ['ruby', 'system("rm -rf " + ENV.fetch("TARGET", "/"))', 'rm -rf ${TARGET-/}'],
    ['python', 'import os, shutil; shutil.rmtree(os.environ.get("BUILD_DIR", "./build"))', 'rm -rf "${BUILD_DIR-./build}"'],
  ] as const)('%s: %s is %s', (language, code, command) => {
    expect(amountsTo(code, language)).toContain(command);
  });
});

describe("awk's variables set once to strings are read through", () => {
  test.each([
    ['BEGIN { c = "rm -rf " "/var/lib/etcd"; system(c) }', 'rm -rf /var/lib/etcd'],
    ['BEGIN { f = "/etc/passwd"; print "x" > f }', ': > /etc/passwd'],
    ['BEGIN { c = "du -sh " "/var/lib/etcd"; system(c) }', 'du -sh /var/lib/etcd'],
  ] as const)('%j is %s', (code, command) => {
    expect(amountsTo(code, 'awk')).toContain(command);
  });

  test.each([
    '{ c = "rm -rf " $1; system(c) }',
    'BEGIN { c = "ls"; c = c " /etc"; system(c) }',
  ])('%j stays unknown', (code) => {
    expect(amountsTo(code, 'awk').every((text) => text.includes('unknown'))).toBe(true);
  });
});

describe("perl's and ruby's glob without parentheses is a glob", () => {
  test.each([
    ['perl', 'unlink glob "/etc/*.conf"', 'rm -f /etc/*.conf'],
    ['perl', 'unlink glob "*.orig"', 'rm -f *.orig'],
  ] as const)('%s: %s is %s', (language, code, command) => {
    expect(amountsTo(code, language)).toContain(command);
  });
});
