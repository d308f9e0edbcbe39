// Windows and macOS commands typed from a Linux host: Windows through WSL's interop (cmd.exe,
// powershell.exe, wsl.exe) or over ssh, PowerShell on Linux (pwsh), a Mac over ssh. guard has no
// parser for cmd or PowerShell: it reads their code as text, case-insensitively, statement by
// statement, for the well-known commands that destroy, and judges the paths they name (Windows
// paths by their own classes, Linux paths pwsh names as path protection does).
import type {SimpleCommand, Word} from '../../shell/index.js';
import {knownText} from '../../shell/index.js';
import {protectedClass, windowsPathClass} from '../paths.js';
import {written} from '../spelling.js';
import type {BuiltinRule, EvaluationContext, Hit} from '../types.js';
import {fedText, readCommand} from './hits.js';

const withExe = (...names: string[]) => names.flatMap((name) => [name, `${name}.exe`]);
const shells = [...withExe('cmd', 'powershell', 'pwsh'), 'CMD', 'CMD.EXE', 'POWERSHELL.EXE', 'PowerShell.exe'];
// Windows programs that reach a Linux shell's argv: over ssh to a Windows server, or by name in WSL.
const windowsPrograms = [...withExe('rd', 'del', 'erase', 'format', 'diskpart', 'vssadmin', 'wmic', 'wbadmin', 'wevtutil', 'bcdedit', 'reg', 'net', 'netsh', 'takeown', 'icacls', 'robocopy', 'schtasks', 'wsl'), 'shutdown.exe'];

/** The code a cmd or PowerShell command line runs: after `/c`, `-Command`, decoded from `-EncodedCommand`, or fed on its input. */
function windowsCode(command: SimpleCommand): string | undefined {
  const name = command.program.value!.toLowerCase().replace(/\.exe$/, '');
  const words = command.argv.slice(1);
  const texts = words.map((word) => knownText(word));
  if (name === 'cmd') {
    const at = texts.findIndex((text) => /^\/[ck]$/i.test(text));
    return at === -1 ? undefined : texts.slice(at + 1).join(' ');
  }

  if (name === 'powershell' || name === 'pwsh') {
    const encoded = texts.findIndex((text) => /^-(?:e|ec|enc|encodedcommand)$/i.test(text));
    if (encoded !== -1 && texts[encoded + 1]) return Buffer.from(texts[encoded + 1]!, 'base64').toString('utf16le');
    const at = texts.findIndex((text) => /^-(?:c|command)$/i.test(text));
    if (at !== -1 && texts[at + 1] !== '-') return texts.slice(at + 1).join(' ');
    return fedText(command);
  }

  // A Windows program named directly (over ssh, its words are as written: cmd keeps `C:\\Users`'s
  // backslashes, which a Linux shell would take off), or a diskpart script fed on its input.
  const raw = words.map((word) => (word.known && /\\|^[a-z]:/i.test(word.raw) && !/^['"]/.test(word.raw) ? word.raw : knownText(word))).map((text) => (/\s/.test(text) ? `"${text}"` : text));
  return [command.program.value!, ...raw].join(' ') + (name === 'diskpart' ? `\n${fedText(command) ?? ''}` : '');
}

// The statements of cmd or PowerShell code; string literals joined first (`'Clear-Di' + 'sk'`).
const statementsOf = (code: string): string[] =>
  code
    .replace(/(['"])\s*\+\s*\1/g, '')
    // Invoke-Expression of a string runs the string.
    .replace(/\b(?:iex|invoke-expression)\s*\(?\s*['"]?/gi, '\n')
    .replace(/\\\$/g, '$')
    .split(/\r?\n|&&|\|\||[;&|]|\{|\}/)
    .map((statement) => statement.trim())
    .filter(Boolean);

/** Words of a statement, quotes taken off. */
const wordsOf = (statement: string): string[] => [...statement.replace(/[()]/g, ' ').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);

// PowerShell's rehearsal: -WhatIf, unless it is turned off (`-WhatIf:$false`).
const rehearsal = (words: string[]) => words.some((word) => /^-whatif(?::\$true)?$/i.test(word));

/** A path a Windows or PowerShell command names, as a Windows class or, for a Linux path pwsh names, as path protection sees it. */
function pathHit(raw: string, recursive: boolean, contents: boolean, context: EvaluationContext): string | undefined {
  const home = context.home;
  const named = raw
    .replace(/^(?:%(?:systemroot|windir)%|\$env:(?:systemroot|windir))/i, 'C:\\Windows')
    .replace(/^(?:%programfiles%|\$env:programfiles)/i, 'C:\\Program Files')
    .replace(/^(?:~|\$home|\$env:home)(?=[\\/]|$)/i, home);
  // `C:\Users\*`, `/var/log/*`: everything in the folder.
  const everything = /[\\/]\*(?:\.\*)?$/.test(named);
  const path = everything ? named.replace(/[\\/]\*(?:\.\*)?$/, '') : named;
  const windows = /^([a-z]):(?:[\\/](.*))?$/i.exec(path);
  if (windows) return windowsPathClass(windows[1]!, (windows[2] ?? '').split(/[\\/]+/).filter(Boolean), recursive || contents || everything);
  if (!path.startsWith('/')) return undefined;
  return protectedClass(path.replace(/\/+$/, '') || '/', {op: 'delete', recursive, contents: contents || everything}, home)?.what;
}

/** What cmd or PowerShell code destroys, said in one line, or undefined. */
function windowsDanger(code: string, context: EvaluationContext): string | undefined {
  for (const statement of statementsOf(code)) {
    const words = wordsOf(statement);
    const verb = (words[0] ?? '').toLowerCase().replace(/\.exe$/, '');
    const rest = words.slice(1);
    const lower = statement.toLowerCase();
    const flag = (pattern: RegExp) => rest.some((word) => pattern.test(word));
    // cmd's switches are `/s`, `/MIR`, `/grant`; a Linux path (`/etc`) pwsh is given is an operand.
    const operands = rest.filter((word) => !/^-/.test(word) && !(/^\/[a-z]{1,12}(?::\S*)?$/i.test(word) && !/^\/(?:etc|usr|var|home|root|boot|bin|sbin|lib\w*|opt|srv|dev|proc|sys|run|mnt|media|tmp)$/.test(word)));
    if (rehearsal(rest)) continue;
    // cmd's deletes, and PowerShell's Remove-Item with its aliases.
    if (/^(?:rd|rmdir|del|erase|remove-item|ri|rm)$/.test(verb)) {
      const recursive = flag(/^\/s(?:\/q)?$|^\/q\/s$/i) || flag(/^-r(?:e(?:c(?:u(?:r(?:s(?:e)?)?)?)?)?)?(?::\$true)?$/i);
      const paths = operands;
      for (const path of paths) {
        const what = pathHit(path, recursive, false, context);
        if (what) return `${words[0]} ${path} would delete ${what}`;
      }
    }

    if (/\[(?:system\.)?io\.directory\]::delete\(\s*["']([^"']+)["']\s*,\s*\$true\s*\)/i.test(statement)) {
      const path = /::delete\(\s*["']([^"']+)["']/i.exec(statement)![1]!;
      const what = pathHit(path, true, false, context);
      if (what) return `[IO.Directory]::Delete(${path}) would delete ${what}`;
    }

    if ((verb === 'get-childitem' || verb === 'gci' || verb === 'dir' || verb === 'ls') && /\|\s*(?:remove-item|ri|rm|del)\b/i.test(code) && !/-(?:filter|include|exclude)\b|where-object|\?\s*\{/i.test(code)) {
      const path = operands.find((word) => !/^-/.test(word));
      const what = path ? pathHit(path, true, true, context) : undefined;
      if (what) return `${words[0]} ${path} | Remove-Item would delete ${what.startsWith('everything') ? what : `everything in ${what}`}`;
    }

    if (verb === 'robocopy' && flag(/^\/(?:mir|purge)$/i) && !flag(/^\/l$/i) && operands[1]) {
      const what = pathHit(operands[1], true, true, context);
      if (what) return `robocopy ${operands[0]} ${operands[1]} /MIR deletes from ${what} whatever ${operands[0]} lacks`;
    }

    if (verb === 'format' && /^[a-z]:$/i.test(operands[0] ?? '')) return `format ${operands[0]} erases the volume`;
    if (/^(?:format-volume|clear-disk|remove-partition)$/.test(verb)) return `${words[0]} erases a disk or volume`;
    if (/(?:^|\n)\s*clean(?:\s+all)?\s*(?:\r?\n|$)/i.test(code) && /select\s+disk/i.test(code)) return 'diskpart clean erases the selected disk';
    if (/^vssadmin\s+delete\s+shadows\b/.test(lower) || /^wmic\s+shadowcopy\s+delete\b/.test(lower.replace(/\.exe\b/, ''))) return `${words[0]} deletes the volume shadow copies, the restore points Windows keeps`;
    if (/^wbadmin(?:\.exe)?\s+delete\s+(?:catalog|backup|systemstatebackup)\b/.test(lower)) return `${words[0]} ${rest.slice(0, 2).join(' ')} deletes Windows Server Backup's backups or their catalog`;
    if (/^wevtutil(?:\.exe)?\s+(?:cl|clear-log)\b/.test(lower) || verb === 'clear-eventlog') return `${words[0]} clears an event log, the audit trail of what was done`;
    if (/^bcdedit(?:\.exe)?\s+\/delete\b/.test(lower)) return 'bcdedit /delete removes a boot entry: the machine may not boot';
    if (/^reg(?:\.exe)?\s+delete\s+(?:hklm|hkey_local_machine)\\(?:(?:system|sam|security)(?:\\currentcontrolset(?:\\(?:services|control))?)?|software(?:\\microsoft(?:\\windows(?: nt)?(?:\\currentversion)?)?)?)\\?(?:\s|$)/.test(lower) && !/\s\/v[ae]?\b/.test(lower)) return `${words[0]} delete ${rest[1]} deletes a key of the machine's own registry`;
    if (/^shutdown(?:\.exe)?\s+(?:.*\s)?[-/][rspg]\b/.test(lower) && !/\s[-/]a\b/.test(lower)) return `${words[0]} ${rest.join(' ')} shuts down or restarts the machine`;
    if (/^(?:stop-computer|restart-computer)$/.test(verb)) return `${words[0]} shuts down or restarts the machine`;
    // Microsoft 365 and Entra ID from PowerShell: a directory object deleted, mail purged for good.
    if (/^(?:remove-mguser|remove-mggroup|remove-mgapplication|remove-azureaduser|remove-msoluser|remove-mailbox)$/.test(verb)) return `${words[0]} deletes the account or group`;
    if (verb === 'new-compliancesearchaction' && flag(/^-purge$/i)) return 'New-ComplianceSearchAction -Purge deletes every message the search found, in every mailbox';
    if (/^netsh(?:\.exe)?\s+advfirewall\s+set\s+\S+\s+firewallpolicy\s+blockinbound/.test(lower)) return 'netsh advfirewall blocks every connection coming in: remote access is cut off';
    if (/^net(?:\.exe)?\s+user\s+\S+\s+\/del(?:ete)?\b/.test(lower)) return `net user ${rest[1]} /delete deletes the account`;
    if (/^net(?:\.exe)?\s+localgroup\s+administrators\s+\S+\s+\/add\b/.test(lower)) return `net localgroup administrators ${rest[2]} /add makes the account an administrator`;
    if (/^net(?:\.exe)?\s+user\s+administrator\s+(?!\/)\S+/.test(lower)) return "net user Administrator sets the administrator's password";
    if (/^(?:takeown|icacls)(?:\.exe)?\b/.test(lower) && (flag(/^\/[rt]$/i) || /\/grant\b.*everyone:\(?f/i.test(statement))) {
      const path = operands.find((word) => /^[a-z]:/i.test(word)) ?? rest.find((word, i) => /^\/f$/i.test(rest[i - 1] ?? ''));
      const what = path ? pathHit(path, true, false, context) : undefined;
      if (what) return `${words[0]} ${path} takes or opens up ${what}`;
    }

    if (verb === 'wsl' && flag(/^--unregister$/i)) return `wsl --unregister ${operands.at(-1) ?? ''} deletes the distribution and every file in it`.trimEnd();
    const task = verb === 'schtasks' && flag(/^\/create$/i) ? rest[rest.findIndex((word) => /^\/tr$/i.test(word)) + 1] : undefined;
    const inner = task ? windowsDanger(task.replace(/^cmd(?:\.exe)?\s+\/[ck]\s+/i, ''), context) : undefined;
    if (inner) return `schtasks /create schedules ${inner}`;
  }

  return undefined;
}

function windowsCheck(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const code = windowsCode(command);
  const danger = code === undefined ? undefined : windowsDanger(code, context);
  return danger ? {word: written(command.argv[0]!), reason: `${command.program.value} runs ${danger}`} : null;
}

// diskutil's verbs that erase, in any case it accepts them (`eraseDisk`, `erasedisk`).
const diskutilErase = /^(?:erasedisk|erasevolume|zerodisk|randomdisk|secureerase|partitiondisk|reformat|splitpartition|mergepartitions)$/i;
const diskutilGroups: Record<string, RegExp> = {apfs: /^(?:deletecontainer|deletevolume|deletevolumegroup|erasevolume)$/i, appleraid: /^delete$/i, ar: /^delete$/i, cs: /^delete(?:volume)?$/i, corestorage: /^delete(?:volume)?$/i};

function macDisk(command: SimpleCommand): Hit | null {
  const words = command.argv.slice(1).filter((word) => !(word.known && word.value.startsWith('-')));
  const name = command.program.value!;
  if (name.startsWith('newfs_')) {
    const device = words.find((word) => word.known && /^\/dev\/r?disk\d/.test(word.value));
    return device ? {word: written(device), reason: `${name} ${device.value} makes a new filesystem over what was there`} : null;
  }

  const [first, second] = words.map((word) => knownText(word));
  if (first !== undefined && diskutilErase.test(first)) return {word: written(words[0]!), reason: `diskutil ${first} erases the disk or volume it names`};
  const group = first === undefined ? undefined : diskutilGroups[first.toLowerCase()];
  if (group && second !== undefined && group.test(second)) return {word: written(words[1]!), reason: `diskutil ${first} ${second} deletes the container, volume or set, with its data`};
  return null;
}

/** macOS switches whose change cuts the session, opens the machine up, or throws away what cannot be had back. */
function macSystem(command: SimpleCommand): Hit | null {
  // macOS's tools take their words in any case (`-deleteUser`, `-deleteuser`).
  const {name, words, lower: texts, at, hit} = readCommand(command);
  switch (name) {
    case 'csrutil':
      return texts.includes('disable') || texts[0] === 'clear' ? hit(at(/^(?:disable|clear)$/), 'turns System Integrity Protection off: any root process may then change the system') : null;
    case 'spctl':
      return at(/^--(?:master|global)-disable$/) !== -1 ? hit(at(/^--(?:master|global)-disable$/), 'turns Gatekeeper off: apps from anyone run unchecked') : null;
    case 'nvram':
      return texts.includes('-c') ? hit(at(/^-c$/), 'clears every firmware variable (the boot disk, boot arguments, the firmware password\'s settings)') : null;
    case 'systemsetup':
      return at(/^-setremotelogin$/) !== -1 && texts[at(/^-setremotelogin$/) + 1] === 'off' ? hit(at(/^-setremotelogin$/), 'turns Remote Login (ssh) off: remote access is cut off') : null;
    case 'launchctl': {
      const bootout = at(/^(?:bootout|remove|unload)$/);
      const target = bootout === -1 ? undefined : texts.slice(bootout + 1).find((text) => !text.startsWith('-'));
      if (target && (/^(?:gui|user|login)\/\d+\/?$/.test(target) || /sshd|com\.openssh|\/ssh\.plist$/.test(target) || target === 'system')) return hit(bootout, `${texts[bootout]} ${target} ${/ssh/.test(target) ? 'stops the ssh server: remote access is cut off' : 'ends a whole login session or domain, with everything running in it'}`);
      return texts[0] === 'reboot' ? hit(0, 'reboot restarts the machine') : null;
    }

    case 'pmset':
      return texts.includes('sleepnow') ? hit(at(/^sleepnow$/), 'sleepnow puts the machine to sleep: remote access is cut off') : null;
    case 'softwareupdate': {
      // `-R` is --restart; `-r` is --recommended (the words are compared lowercased, so by the original).
      const restart = words.findIndex((word) => word.value === '-R' || word.value === '--restart');
      return restart !== -1 ? hit(restart, '--restart restarts the machine when the updates are in') : null;
    }
    case 'log':
      return texts[0] === 'erase' ? hit(0, 'erase deletes the unified log, the record of what happened') : null;
    case 'tmutil': {
      // One dated backup (`…/2024-01-01-120000`, `-t DATE`) is retention; the machine's folder or the store is every backup.
      const path = texts.slice(1).find((text) => !text.startsWith('-') && text.startsWith('/'));
      const whole = texts[0] === 'delete' && !texts.includes('-t') && (path === undefined || !/\/\d{4}-\d{2}-\d{2}-\d{6}\/?$/.test(path));
      return whole ? hit(0, 'delete deletes Time Machine backups: every backup of the machine or the store') : null;
    }
    case 'sysadminctl':
      return at(/^-deleteuser$/) !== -1 ? hit(at(/^-deleteuser$/), '-deleteUser deletes the account and its home folder') : null;
    case 'dscl': {
      // dscl takes its commands with or without the dash, and paths with or without the slash.
      const line = texts.join(' ').replace(/(^|\s)(delete|append|merge|create|passwd)(?=\s)/g, '$1-$2').replace(/\s(users|groups)\//g, ' /$1/');
      if (/(?:^|\s)-delete\s+\/users\/\S+/.test(line)) return hit(at(/^-?delete$/), `delete ${texts[at(/^-?delete$/) + 1]} deletes the account`);
      if (/-(?:append|merge|create)\s+\/groups\/(?:admin|wheel)\s+groupmembership\s+\S+/.test(line)) return hit(at(/^-(?:append|merge|create)$/), 'adds the account to the admin group: it may then do anything as root');
      if (/-passwd\s+\/users\/root\b/.test(line)) return hit(at(/^-passwd$/), "sets root's password");
      if (/-create\s+\/users\/\S+\s+uniqueid\s+0\b/.test(line)) return hit(at(/^-create$/), 'gives the account uid 0: it is root');
      return null;
    }

    case 'security': {
      // The login or System keychain; a throwaway one a build made (`./build/ci.keychain`) is its own.
      const keychain = texts[0] === 'delete-keychain' ? texts.slice(1).find((text) => !text.startsWith('-')) : undefined;
      return keychain !== undefined && /(?:^|\/)login\.keychain(?:-db)?$|^\/library\/keychains\/system\.keychain$/.test(keychain) ? hit(0, 'delete-keychain deletes the login or System keychain: every password and key in it') : null;
    }

    case 'osascript': {
      const code = texts.join(' ');
      if (/tell application "?system events"? to (?:shut down|restart|log out)/.test(code)) return hit(0, 'tells the machine to shut down, restart or log out');
      const shell = /do shell script\s+"([^"]*)"/.exec(code)?.[1];
      return shell && /\bdiskutil\s+(?:erasedisk|erasevolume|zerodisk|partitiondisk|apfs\s+delete)/.test(shell) ? hit(0, `runs ${shell}, which erases a disk`) : null;
    }

    default:
      return null;
  }
}

const macTools = ['csrutil', 'spctl', 'nvram', 'systemsetup', 'launchctl', 'pmset', 'softwareupdate', 'log', 'tmutil', 'sysadminctl', 'dscl', 'security', 'osascript'];

export const otherOs: BuiltinRule[] = [
  {
    id: 'system.windows-destroy',
    pack: 'system',
    level: 'deny',
    reason: "runs a Windows command that destroys what cannot be had back or cuts the machine off: a system or user folder deleted, a disk formatted, the shadow copies, backups or event logs deleted, the machine shut down, an account deleted or made administrator",
    alternative: 'run it by hand on the machine after a review; rehearse PowerShell with -WhatIf',
    match: {program: [...shells, ...windowsPrograms]},
    check: windowsCheck,
    examples() {
      return {
        refuse: [
          'cmd.exe /c "rd /s /q C:\\Windows\\System32"', 'CMD.EXE /C "RD /S /Q C:\\WINDOWS\\SYSTEM32"', 'cmd.exe /c "rmdir /S /Q %SystemRoot%"', 'cmd.exe /c "del /f /s /q C:\\Users\\*"', 'cmd.exe /c "format E: /FS:exFAT /Q /Y"',
          'cmd.exe /c "vssadmin delete shadows /all /quiet"', 'wmic.exe shadowcopy delete /nointeractive', 'cmd.exe /c "wbadmin delete catalog -quiet"', 'cmd.exe /c "wevtutil cl Security"', 'shutdown.exe /r /f /t 0',
          'powershell.exe -NoProfile -Command "Remove-Item -Recurse -Force \'C:\\Program Files\'"', 'powershell.exe -NoProfile -c "ri -r -fo C:\\Users"', 'powershell.exe -Command "Format-Volume -DriveLetter D -FileSystem FAT32 -Force"',
          "powershell.exe -NoProfile -Command 'Clear-Disk -Number 1 -RemoveData -Confirm:$false'", "pwsh -NoProfile -Command 'Remove-Item -Path /etc -Recurse -Force'", "pwsh -c 'Remove-Item -Recurse -Force $HOME'",
          "pwsh -c 'Get-ChildItem /var/log -Recurse -File | Remove-Item -Force'", "pwsh -NoProfile -c '[System.IO.Directory]::Delete(\"/usr/lib\", $true)'", "pwsh -c 'Stop-Computer'",
          'powershell.exe -NoProfile -EncodedCommand RgBvAHIAbQBhAHQALQBWAG8AbAB1AG0AZQAgAC0ARAByAGkAdgBlAEwAZQB0AHQAZQByACAARAA=', "printf 'select disk 1\\r\\nclean\\r\\n' | diskpart.exe",
          'cmd.exe /c "reg delete HKLM\\SYSTEM\\CurrentControlSet\\Services /f"', 'cmd.exe /c "net user alice /delete"', 'cmd.exe /c "net localgroup administrators contractor1 /add"', "robocopy.exe 'C:\\empty' 'C:\\Users\\alice' /MIR",
          'wsl.exe --unregister Ubuntu-22.04', 'robocopy.exe /MIR C:\\empty C:\\Users\\alice', "pwsh -c 'Remove-Item -Recurse -Force /etc'", 'cmd.exe /c "shutdown -s -t 0"', 'schtasks.exe /create /tn Wipe /tr "cmd /c rd /s /q C:\\Windows" /sc daily /st 02:00', "ssh admin@winweb01 'rd /s /q C:\\Users\\alice'",
          "pwsh -c 'Remove-Item -Recurse -Force -Path (\"/e\" + \"tc\")'", 'powershell.exe -c "Remove-Item -Recurse -Force C:/Windows/System32"',
        ],
        allow: [
          'cmd.exe /c "dir /s C:\\Users\\alice\\Documents"', 'cmd.exe /c "del /q /s C:\\Windows\\Temp\\*"', 'cmd.exe /c "reg delete HKLM\\SOFTWARE\\Acme\\App /v OldSetting /f"', 'cmd.exe /c "rd /s /q C:\\Users\\alice\\AppData\\Local\\Temp\\build"', 'cmd.exe /c "vssadmin list shadows"', 'wmic.exe shadowcopy list brief',
          'powershell.exe -c "Remove-Item -Recurse -Force C:\\Users\\alice\\source\\app\\bin"', 'powershell.exe -Command "Remove-Item -Recurse -Force C:\\Windows\\Temp\\x -WhatIf"', 'powershell.exe -c "Get-Disk | Format-Table"',
          "pwsh -c 'Remove-Item -Recurse -Force ./dist'", "pwsh -c 'Get-ChildItem /var/log -Filter *.gz | Remove-Item'", 'shutdown.exe /a', 'cmd.exe /c "reg query HKLM\\SOFTWARE\\Microsoft"', 'cmd.exe /c "net user alice"',
          "robocopy.exe 'C:\\src' 'D:\\backup\\src' /MIR", 'wsl.exe --list --verbose', 'cmd.exe /?', 'schtasks.exe /query /fo LIST',
        ],
      };
    },
  },
  {
    id: 'devices.macos-erase',
    pack: 'devices',
    level: 'deny',
    reason: "erases, repartitions or deletes a disk, volume or APFS container on a Mac (diskutil's erase verbs, newfs_*)",
    alternative: 'check the disk with diskutil list first, then erase it by hand',
    match: {program: ['diskutil', 'newfs_msdos', 'newfs_hfs', 'newfs_apfs', 'newfs_exfat', 'newfs_udf']},
    check: macDisk,
    examples() {
      return {
        refuse: ['diskutil eraseDisk APFS Blank /dev/disk4', 'diskutil eraseVolume free none disk0s5', 'diskutil apfs deleteContainer disk3', 'diskutil zeroDisk disk3', 'diskutil partitionDisk disk2 GPT JHFS+ Data 100%', 'newfs_msdos -F 16 /dev/disk5', 'diskutil erasedisk jhfs+ Blank disk3'],
        allow: ['diskutil list', 'diskutil info disk0', 'diskutil unmountDisk /dev/disk5', 'diskutil apfs list', 'diskutil verifyVolume /', 'newfs_msdos --help'],
      };
    },
  },
  {
    id: 'system.macos-control',
    pack: 'system',
    level: 'deny',
    reason: "changes a Mac in a way that cuts access, opens it up or loses what cannot be had back: SIP or Gatekeeper off, NVRAM cleared, Remote Login off, sshd or a login session booted out, sleep or restart, the unified log erased, Time Machine backups deleted, accounts deleted or made admin, the login keychain deleted",
    alternative: 'do it at the machine, after a review',
    match: {program: macTools},
    check: macSystem,
    examples() {
      return {
        refuse: [
          'csrutil disable', 'spctl --master-disable', 'nvram -c', 'systemsetup -f -setremotelogin off', 'launchctl bootout system/com.openssh.sshd', 'launchctl bootout gui/501', 'pmset sleepnow', 'softwareupdate --install --all --restart',
          'log erase --all', 'tmutil delete /Volumes/TM/Backups.backupdb/mac-01', 'sysadminctl -deleteUser alice -secure', 'dscl . -delete /Users/alice', 'dscl . delete /Users/alice', 'launchctl unload -w /System/Library/LaunchDaemons/ssh.plist', 'dscl . -append /Groups/admin GroupMembership contractor1', "dscl . -passwd /Users/root 'x'",
          'dscl . -create /Users/svc UniqueID 0', 'security delete-keychain ~/Library/Keychains/login.keychain-db', "osascript -e 'tell application \"System Events\" to shut down'", "osascript -e 'do shell script \"diskutil eraseDisk APFS Blank disk2\" with administrator privileges'",
        ],
        allow: [
          'csrutil status', 'spctl --status', 'nvram -p', 'systemsetup -getremotelogin', 'launchctl bootout gui/501/com.example.agent', 'launchctl list', 'pmset -g', 'softwareupdate --list', 'softwareupdate -i -r', 'log show --last 1h', 'tmutil listbackups', 'tmutil delete /Volumes/TM/Backups.backupdb/mac-01/2024-01-01-120000', 'tmutil deletelocalsnapshots 2024-05-01-120000',
          'dscl . -read /Users/alice', 'dscl . -list /Users', 'security delete-keychain ./build/ci.keychain', 'security list-keychains', "osascript -e 'display notification \"done\"'",
        ],
      };
    },
  },
];
