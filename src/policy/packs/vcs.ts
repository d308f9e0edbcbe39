// Version control beyond git, and the servers that host repositories and artifacts: Perforce,
// Subversion, Mercurial, Gerrit, Gitea and Forgejo, GitLab's own administration, JFrog and
// Harbor. What deletes history, a whole line of development, a repository or a user with all
// they made is refused; one file, one scratch branch, one artifact, reports and dry runs pass.
import type {SimpleCommand} from '../../shell/index.js';
import type {BuiltinRule, Hit} from '../types.js';
import {fedText, readCommand} from './hits.js';

// A Subversion URL's whole line of development: the repository's trunk, tags or branches folder, or its root.
const svnWhole = /^(?:https?|svn(?:\+ssh)?|file):\/\/.*\/(?:trunk|tags|branches)\/?$/;

// Ruby a GitLab runner script runs that destroys records: services and calls that delete.
const railsDestroy = /\bDestroyService\b|\.(?:destroy_all|delete_all|destroy!?)(?![\w])|\bhard_delete:\s*true/;

const p4Values = new Set(['-u', '-p', '-c', '-H', '-P', '-C', '-Q', '-x', '-d', '-r', '-z', '-Z', '-L', '-l']);

function vcs(command: SimpleCommand): Hit | null {
  const {name, texts, hit} = readCommand(command);
  // Options as written: hg's `-p` prints, p4's `-P` is a password.
  const at = (pattern: RegExp) => texts.findIndex((text) => pattern.test(text));
  const verbs = texts.filter((text) => !text.startsWith('-'));
  switch (name) {
    case 'p4': {
      // p4's global options take values (`-u USER`, `-p PORT`, `-c CLIENT`): the verb is the first word after them.
      let i = 0;
      while (i < texts.length && texts[i]!.startsWith('-')) i += p4Values.has(texts[i]!) ? 2 : 1;
      const verb = texts[i];
      if (verb === 'obliterate' && texts.slice(i + 1).includes('-y')) return hit(i, `obliterate -y ${texts.at(-1)} erases the files and every revision of them from the depot, for good`);
      if (verb === 'depot' && texts.slice(i + 1).includes('-d')) return hit(i, `depot -d ${texts.at(-1)} deletes the depot`);
      // A protections table fed in that makes every user (or group) a super user.
      if (verb === 'protect' && texts.includes('-i') && /^\s*super\s+(?:user|group)\s+\*\s/m.test(fedText(command) ?? '')) return hit(i, '-i makes every user a super user of the server');
      return null;
    }

    case 'svn': {
      const verb = at(/^(?:rm|delete|del|remove)$/);
      const url = verb === -1 ? undefined : texts.slice(verb + 1).find((text) => svnWhole.test(text));
      return url ? hit(verb, `${texts[verb]} ${url} deletes the repository's whole ${url.replace(/\/$/, '').split('/').at(-1)} in one commit`) : null;
    }

    case 'svnadmin':
      return texts[0] === 'load' && at(/^--force-uuid$/) !== -1 ? hit(0, 'load --force-uuid loads a dump over the repository and takes its identity: every working copy now points at other history') : null;
    case 'hg': {
      if (at(/^--no-?backup$/) !== -1 && verbs.includes('strip')) return hit(at(/^strip$/), 'strip --no-backup deletes the changesets and keeps no bundle to restore them from');
      const purge = at(/^(?:purge|clean)$/);
      return purge !== -1 && at(/^--all$/) !== -1 && at(/^(?:--print|-p)$/) === -1 ? hit(purge, `${texts[purge]} --all deletes every untracked and ignored file of the working copy`) : null;
    }

    case 'delete-project':
      // Gerrit's delete-project plugin, reached over ssh.
      return command.where && texts[0] === 'delete' ? hit(0, `delete ${texts.at(-1)} deletes the project and every change in it`) : null;
    case 'gitea':
    case 'forgejo': {
      // Global options take a value (`--config FILE`, `-w DIR`): not a verb.
      const said = texts.filter((text, i) => !text.startsWith('-') && !/^(?:-c|--config|-C|--custom-path|-w|--work-path)$/.test(texts[i - 1] ?? ''));
      return /^admin user (?:delete|rm)$/.test(said.slice(0, 3).join(' ')) && at(/^--purge$/) !== -1 ? hit(at(/^--purge$/), 'admin user delete --purge deletes the user and every repository and organisation they own') : null;
    }

    case 'gitlab-ctl':
      return texts[0] === 'cleanse' ? hit(0, 'cleanse deletes every repository, upload and database of the GitLab instance') : null;
    case 'gitlab-backup':
      return texts[0] === 'restore' ? hit(0, 'restore replaces the instance\'s repositories and database with the backup\'s') : null;
    case 'backup-utility':
      return at(/^--restore$/) !== -1 ? hit(at(/^--restore$/), '--restore replaces the instance\'s repositories and database with the backup\'s') : null;
    case 'gitlab-rake': {
      const task = at(/^gitlab:(?:backup:restore|db:drop_tables|db:reset|setup)\b/);
      return task !== -1 ? hit(task, `${texts[task]} ${/restore/.test(texts[task]!) ? "replaces the instance's repositories and database" : 'drops or recreates the database'}`) : null;
    }

    case 'gitlab-rails': {
      const code = texts[0] === 'runner' ? texts[1] : undefined;
      return code && railsDestroy.test(code) ? hit(1, `runner ${code.length > 60 ? `${code.slice(0, 57)}...` : code} destroys records of the instance`) : null;
    }

    case 'jf':
    case 'jfrog': {
      // A dry run, or a delete narrowed to a build's or properties' artifacts.
      if (at(/^--(?:dry-run(?:=true)?|build(?:=.*)?|props(?:=.*)?)$/) !== -1) return null;
      const rt = verbs[0] === 'rt' ? 1 : 0;
      if (/^(?:repo-delete|rdel)$/.test(verbs[rt] ?? '')) return hit(at(/^(?:repo-delete|rdel)$/), `${verbs[rt]} ${verbs[rt + 1] ?? ''} deletes the repository and every artifact in it`.trimEnd());
      // A whole repository, or every artifact in it (`libs-release-local/*`).
      const pattern = /^(?:del|delete)$/.test(verbs[rt] ?? '') ? verbs[rt + 1] : undefined;
      return pattern !== undefined && /^[^/]+\/?(?:\*(?:\/\*)?)?$/.test(pattern) ? hit(at(/^(?:del|delete)$/), `${verbs[rt]} ${pattern} deletes every artifact of the repository`) : null;
    }

    case 'harbor':
      return /^project (?:delete|rm)$/.test(verbs.slice(0, 2).join(' ')) ? hit(at(/^(?:delete|rm)$/), `project delete ${verbs[2] ?? ''} deletes the project with every repository and image in it`.trimEnd()) : null;
    default:
      return null;
  }
}

export const vcsRules: BuiltinRule[] = [
  {
    id: 'git.history-destroy',
    pack: 'git',
    level: 'deny',
    reason: "destroys version history or the server that keeps it: Perforce's obliterate and depot deletes, a Subversion trunk, tags or branches folder deleted, hg strip without a backup, a Gerrit project, a Gitea user with their repositories, GitLab's cleanse, restores and destroying runner code, a whole JFrog repository, a Harbor project",
    alternative: 'archive or make read-only first; delete one branch, file or artifact at a time; run the report or dry run first',
    match: {program: ['p4', 'svn', 'svnadmin', 'hg', 'delete-project', 'gitea', 'forgejo', 'gitlab-ctl', 'gitlab-backup', 'backup-utility', 'gitlab-rake', 'gitlab-rails', 'jf', 'jfrog', 'harbor']},
    check: vcs,
    examples() {
      return {
        refuse: [
          'p4 obliterate -y //depot/main/...', "p4 protect -i <<'EOF'\nProtections:\n\tsuper user * * //...\nEOF", 'p4 -u p4admin obliterate -y //depot/archive/...', 'p4 depot -d -f legacy', "svn rm -m 'cleanup' https://svn.example.com/repos/app/trunk", 'svn delete --force --message x https://svn.example.com/repos/app/tags',
          'svnadmin load --force-uuid /srv/svn/repos/platform < ./platform.dump', 'hg strip --no-backup -r 0', 'hg purge --all', 'hg --config extensions.purge= clean --all', 'ssh -p 29418 admin@review.example.com delete-project delete --yes-really-delete platform/manifest',
          'gitea admin user delete --username contractor01 --purge', 'gitea --config /etc/gitea/app.ini admin user delete --username spammer42 --purge', 'gitlab-ctl cleanse', 'gitlab-backup restore BACKUP=1700000000 force=yes', 'gitlab-rake gitlab:db:drop_tables', "gitlab-rails runner 'Project.where(archived: true).find_each { |p| ::Projects::DestroyService.new(p, User.admins.first).execute }'",
          'kubectl -n gitlab exec deploy/gitlab-toolbox -- backup-utility --restore -t 1700000000', 'jf rt del "libs-release-local/*" --quiet', 'jf rt repo-delete libs-snapshot-local --quiet', 'harbor project delete library --force',
        ],
        allow: [
          'p4 obliterate //depot/main/...', 'p4 delete //depot/main/old.c', 'p4 changes -m 5', "p4 protect -i <<'EOF'\nProtections:\n\twrite user * * //...\n\tsuper user admin * //...\nEOF", "svn rm -m 'drop scratch branch' https://svn.example.com/repos/app/branches/spike-42", 'svn log https://svn.example.com/repos/app/trunk', 'svnadmin dump /srv/svn/repos/platform > ./platform.dump',
          'svnadmin load /srv/svn/repos/new < ./platform.dump', 'hg strip -r tip', 'hg purge --print', 'hg purge --all --print', 'gitea admin user list', 'gitea -c /etc/gitea/app.ini admin user list', 'gitea dump -c /etc/gitea/app.ini', 'gitlab-ctl status', 'gitlab-backup create', "gitlab-rails runner 'puts Project.count'",
          'jf rt del libs-release-local/com/acme/app/1.0/app-1.0.jar', 'jf rt del "libs-release-local/*" --dry-run', 'jf rt search "libs-release-local/*"', 'jf rt del "libs-release-local/*" --build=app/42', "gitlab-rails runner 'Rails.cache.delete(\"foo\")'", 'harbor project list',
        ],
      };
    },
  },
];
