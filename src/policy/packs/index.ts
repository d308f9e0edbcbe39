// The built-in packs, in the contract's order, then the packs that are always on. Rules are
// plain data with small checks: loading them compiles nothing, so `guard run -- true` pays
// only for reading the objects.
import type {BuiltinRule} from '../types.js';
import {analysis} from './analysis.js';
import {clusters} from './clusters.js';
import {cloud} from './cloud.js';
import {cloudAccess} from './cloud-access.js';
import {databases} from './databases.js';
import {dbAdminRules} from './db-admin.js';
import {devices} from './devices.js';
import {directoryRules} from './directory.js';
import {filesystem} from './filesystem.js';
import {git} from './git.js';
import {paths} from './paths.js';
import {hpcRules} from './hpc.js';
import {networkGear} from './network-gear.js';
import {otherOs} from './other-os.js';
import {remoteCode} from './remote-code.js';
import {retentionRules} from './retention.js';
import {storageArrayRules} from './storage-arrays.js';
import {vcsRules} from './vcs.js';
import {platformToolRules, workspaceRules} from './workspace.js';
import {system} from './system.js';

let all: BuiltinRule[] | undefined;

/** Every built-in rule of every pack; evaluation skips the packs a policy turns off. */
export function builtinRules(): BuiltinRule[] {
  all ??= [...filesystem, ...devices, ...system, ...git, ...databases, ...clusters, ...cloud, ...cloudAccess, ...directoryRules, ...otherOs, ...networkGear, ...hpcRules, ...vcsRules, ...dbAdminRules, ...retentionRules, ...storageArrayRules, ...workspaceRules, ...platformToolRules, ...remoteCode, ...analysis, ...paths];
  return all;
}
