// The policy's own paths: `paths.protect` globs destructive commands and redirections may not
// touch, and `paths.confine` roots they may not leave. Path protection fires them
// (src/policy/protection.ts), each finding naming the policy file the glob came from. The pack
// is always on: a glob a layer protects is that layer's word, and no later layer lowers it.
import type {BuiltinRule} from '../types.js';

const byPolicyPaths = (rule: Omit<BuiltinRule, 'pack' | 'match' | 'firedBy' | 'level'>): BuiltinRule => ({...rule, pack: 'paths', level: 'deny', match: {program: []}, firedBy: 'paths'});

export const paths: BuiltinRule[] = [
  byPolicyPaths({
    id: 'paths.protect',
    reason: 'deletes, overwrites or re-permissions a path the policy protects (paths.protect)',
    alternative: 'leave the protected path alone, or ask the layer that protects it for a paths.allow',
    examples() {
      return {
        paths: {protect: ['/srv/data/**', '~/backups/**']},
        refuse: ['rm -rf /srv/data/db', 'echo x > /srv/data/state.json', 'rm -rf /srv', 'rm -f ~/backups/2024.tar', 'chmod -R 777 /srv/data'],
        allow: ['rm -rf /srv/other', 'cat /srv/data/state.json', 'cp /srv/data/state.json /tmp/copy', 'rm -f ~/notes.txt'],
      };
    },
  }),
  byPolicyPaths({
    id: 'paths.confine',
    reason: 'deletes, overwrites or re-permissions a path outside the roots the policy confines destructive commands to (paths.confine)',
    alternative: 'work inside the confined roots',
    examples() {
      return {
        paths: {confine: ['/srv/app/**']},
        refuse: ['rm -rf /srv/other', 'rm -rf ./build', 'echo x > /etc/motd', 'mv /srv/app/log /var/tmp/log'],
        allow: ['rm -rf /srv/app/build', 'echo x > /srv/app/state', 'ls /', 'echo hi >> /tmp/app.log'],
      };
    },
  }),
];
