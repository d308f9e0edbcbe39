// What a destructive command does to one path it names: the word, the path when it is not the
// word's value, and how (delete, overwrite, write files into, partition…). The programs that
// name such paths are read in destructive.ts, permissions.ts, writers.ts, archives.ts and disks.ts.
import type {SimpleCommand, Word} from '../shell/index.js';
import type {Operation} from './paths.js';

export interface Target {
  /** The word that names the path, as the command wrote it. */
  word: Word;
  /** The path, when it is not the word's value (`of=/dev/sda`, `cp x /etc` writes `/etc/x`). */
  path?: string;
  op: Operation;
  recursive: boolean;
  /** It reaches what is in the folder: `find /etc -delete`, `rsync --delete`, `tar -x -C /etc` writes files into it. */
  contents: boolean;
  narrows?: boolean;
  /** Only some of what is in the folder: find with a test on names, ages or sizes (`-name '*.gz' -mtime +30`). */
  filtered?: boolean;
  /**
   * With `filtered`, the name patterns every file it acts on matches (`-name '*.pyc'`, `-iname`
   * lowercased), when its tests are all joined by AND; none at all for `-empty` alone (only empty
   * files and folders go). Absent, the filter may pick any name.
   */
  names?: readonly string[];
  /** With `filtered`, a test on age (`-mtime +7`, `-mmin`, `-newer`): a file still written to is not picked. */
  aged?: true;
  /** A copy is made of another folder here (`rsync --delete SRC/ DEST/`): what it deletes is what that folder lacks. */
  mirrors?: true;
  /** …of a folder named for being empty (`./empty/`, `/var/empty`): everything there goes. */
  fromEmpty?: true;
  /** How the reason names the action: `rm -rf`, `>`, `find -delete`, `tar -x -C`. */
  doer?: string;
  /** The path is named inside the word (`-cmd '.output F'`, `open:F,creat`): the reason names the doer and the path, not the word. */
  inside?: true;
  /**
   * Judged for guard's own files alone: a hard link's source (`ln FILE NAME`, `cp -l`), not
   * changed but given a second name a later command may write through; a git work tree, whose
   * files a checkout, pull or clone writes as the repository has them.
   */
  guardOnly?: 'link' | 'work tree' | 'own';
  /** chmod's mode gives others no write (`775`, `g+w`, `o-w`): a folder stays closed to them. */
  othersOut?: true;
  /** chgrp, or chown to a group alone: the owner stays. */
  groupOnly?: true;
  /** find's start folder itself is not acted on (`-mindepth 1`, `-type f`): only what is below it. */
  notItself?: true;
  /** The path is written only if the word names a folder (`cp a b` writes `b/a` when `b` is one). */
  ifFolder?: true;
}

export type Targets = (command: SimpleCommand) => Target[];

export const target = (word: Word, op: Operation, recursive = false, more: Partial<Target> = {}): Target => ({word, op, recursive, contents: false, ...more});

/** `--help` and `--version` only print. */
export const informational = (flags: Set<string>): boolean => flags.has('--help') || flags.has('--version');
