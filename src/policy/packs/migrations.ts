// Frameworks' and migration tools' own drops and resets of an application's database: rails
// and rake tasks, airflow's reset, each migration tool's verb that drops what its migrations
// made (where the tool's own guard is off, or it has none), and content and shop tools on a live
// site. The rule db.framework-drop (databases.ts) judges with frameworkDrop.
import type {SimpleCommand, Word} from '../../shell/index.js';
import {written} from '../spelling.js';
import type {EvaluationContext, Hit} from '../types.js';
import {fileText} from './hits.js';

// The tasks that delete a database or every table in it.
const dropTasks = /^db:(?:drop(?::all)?|reset|purge|schema:load|structure:load|setup|seed:replant|truncate_all)$/;

/**
 * Migration tools' verbs that drop what the migrations made, each with the framework's own guard
 * that must be off for it to run unasked: flyway's cleanDisabled, django's and prisma's prompt,
 * doctrine's --force, mix's environment. Liquibase's dropAll, alembic's downgrade to base, knex's
 * rollback of every batch and sequelize's and typeorm's drops have none.
 */
const migrationDrops: Array<{programs: RegExp; verb: RegExp; what: string; before?: string; guardOff?: (args: Word[], env: SimpleCommand['env'], files: (path: string) => string | undefined) => boolean; needs?: (after: Word[], args: Word[]) => boolean}> = [
  // flyway's cleanDisabled off on the command line, in the environment, or in the configuration file it reads.
  {programs: /^flyway$/, verb: /^clean$/, what: 'every object (tables, views, functions) of the schemas it manages', guardOff: (args, env, files) => args.some((word) => /^-cleanDisabled=false$/i.test(word.value ?? '')) || /^false$/i.test(env.FLYWAY_CLEAN_DISABLED ?? '') || flywayConfigs(args).some((path) => /^\s*flyway\.cleanDisabled\s*=\s*false\s*$/im.test(files(path) ?? ''))},
  {programs: /^liquibase$/, verb: /^(?:dropAll|drop-all)$/, what: 'every object of the schemas it manages'},
  {programs: /^alembic$/, verb: /^downgrade$/, what: 'what every migration made: each downgrade step runs, down to an empty schema', needs: (after, args) => after[0]?.value === 'base' && !args.some((word) => word.value === '--sql')},
  {programs: /^(?:django-admin|manage\.py)$/, verb: /^flush$/, what: 'every row of every table', guardOff: (args) => args.some((word) => word.value === '--noinput' || word.value === '--no-input')},
  // `migrate APP zero` unapplies every migration of the app: its tables are dropped (`--plan` only shows it).
  {programs: /^(?:django-admin|manage\.py)$/, verb: /^migrate$/, what: 'every table of the app: each of its migrations is unapplied', needs: (after, args) => after[1]?.value === 'zero' && !args.some((word) => word.value === '--plan' || word.value === '--fake')},
  {programs: /^prisma$/, verb: /^reset$/, before: 'migrate', what: 'the database DATABASE_URL names, made again from the migrations, empty', guardOff: (args) => args.some((word) => word.value === '--force' || word.value === '-f')},
  {programs: /^prisma$/, verb: /^push$/, before: 'db', what: 'the columns and tables the schema no longer has, with their data (or, with --force-reset, the whole database)', guardOff: (args) => args.some((word) => word.value === '--accept-data-loss' || word.value === '--force-reset')},
  {programs: /^knex$/, verb: /^migrate:rollback$/, what: 'what every migration batch made: each down step runs', guardOff: (args) => args.some((word) => word.value === '--all')},
  {programs: /^sequelize(?:-cli)?$/, verb: /^db:drop$/, what: 'the database of the configured environment'},
  {programs: /^sequelize(?:-cli)?$/, verb: /^db:migrate:undo:all$/, what: 'what every migration made: each down step runs'},
  {programs: /^goose$/, verb: /^reset$/, what: 'what every migration made: each down step runs'},
  {programs: /^goose$/, verb: /^down-to$/, what: 'what every migration made: each down step runs', needs: (after) => after[0]?.value === '0'},
  // golang-migrate: `drop` asks unless -f; `down` asks unless -all (a number of steps is the operator's). Go's flags take `-f=true` and `--all`.
  {programs: /^migrate$/, verb: /^drop$/, what: 'everything in the database', guardOff: (args) => args.some((word) => /^--?f(?:=true)?$/.test(word.value ?? ''))},
  {programs: /^migrate$/, verb: /^down$/, what: 'what every migration made: each down step runs', guardOff: (args) => args.some((word) => /^--?all(?:=true)?$/.test(word.value ?? ''))},
  {programs: /^atlas$/, verb: /^clean$/, before: 'schema', what: 'every object of the schema the URL names', guardOff: (args) => args.some((word) => /^--auto-approve(?:=true)?$/.test(word.value ?? ''))},
  // sqitch revert without a change to stop at reverts every change deployed.
  // sqitch revert (or rebase, which reverts then deploys) without a change to stop at reverts every change deployed; a change is `@TAG`, `NAME@…` or `NAME^`.
  {programs: /^sqitch$/, verb: /^(?:revert|rebase)$/, what: 'every change deployed', guardOff: (args) => args.some((word) => word.value === '-y'), needs: (after, args) => !args.some((word) => /^--(?:to|onto|upto)(?:-change|-target)?(?:=|$)/.test(word.value ?? '')) && after.every((word) => !word.known || !/[@^~]/.test(word.value) || /^db:/.test(word.value))},
  // Content management and shops: WordPress's wp-cli, Drupal's drush, Magento and its n98-magerun2, Ghost, Strapi. For wp and drush,
  // on a live site: one named by an alias (`@production`, `@prod`, `@live.shop`), an absolute --path or a --url not on this machine; a
  // site in the project (`--path=./local-site`, none) is the developer's own.
  {programs: /^wp$/, verb: /^(?:reset|drop|clean)$/, before: 'db', what: 'every table of the WordPress database: posts, orders, users and settings', needs: (_after, args) => liveSite(args)},
  {programs: /^wp$/, verb: /^(?:empty|delete)$/, before: 'site', what: 'every post, page, comment and term of the site (with --uploads, its media too)', needs: (_after, args) => liveSite(args)},
  {programs: /^wp$/, verb: /^uninstall$/, before: 'plugin', what: 'every plugin with the data each keeps', needs: (_after, args) => liveSite(args) && args.some((word) => word.value === '--all')},
  {programs: /^drush$/, verb: /^(?:sql:drop|sql-drop)$/, what: 'every table of the Drupal database', needs: (_after, args) => liveSite(args)},
  {programs: /^drush$/, verb: /^(?:site:install|site-install|si|sql:sanitize|sql-sanitize|pm:uninstall|pmu)$/, what: 'the live site\'s content: it is installed anew, sanitized, or a module\'s data uninstalled', needs: (_after, args) => liveAlias(args)},
  {programs: /^drush$/, verb: /^(?:sql:sync|sql-sync)$/, what: 'the target site\'s database, replaced by the source\'s', needs: (after) => /^@(?:[\w.-]*\.)?(?:prod|production|live)\b/.test(after.at(-1)?.value ?? '')},
  {programs: /^drush$/, verb: /^(?:entity:delete|edel)$/, what: 'every entity of the type (or bundle) on the live site', needs: (after, args) => liveAlias(args) && !after.slice(1).some((word) => /^\d+(?:,\d+)*$/.test(word.value ?? ''))},
  {programs: /^magento$/, verb: /^(?:setup:uninstall|setup:rollback)$/, what: 'the shop\'s database (and with uninstall, its code and media)'},
  {programs: /^magento$/, verb: /^setup:install$/, what: 'every table of the database it is pointed at', needs: (_after, args) => args.some((word) => word.value === '--cleanup-database')},
  {programs: /^n98-magerun2?(?:\.phar)?$/, verb: /^db:drop$/, what: 'the shop\'s database'},
  {programs: /^ghost$/, verb: /^uninstall$/, what: 'the Ghost site with its content and database'},
  // `strapi transfer --from REMOTE` replaces the local project's content, the developer's own; `--to REMOTE` replaces the remote's.
  {programs: /^strapi$/, verb: /^(?:import|transfer)$/, what: 'every entry of the target\'s content, replaced by what it brings', guardOff: (args) => args.some((word) => /^(?:--force|-f)$/.test(word.value ?? '')), needs: (_after, args) => !args.some((word) => /^--from(?:=|$)/.test(word.value ?? '')) || args.some((word) => /^--to(?:=|$)/.test(word.value ?? ''))},
  {programs: /^artisan$/, verb: /^(?:migrate:fresh|migrate:reset|migrate:refresh|db:wipe)$/, what: 'every table of the database', guardOff: (args) => args.some((word) => word.value === '--force')},
  {programs: /^typeorm(?:-ts-node-(?:commonjs|esm))?$/, verb: /^schema:drop$/, what: 'every table of the schema'},
  {programs: /^(?:console|symfony)$/, verb: /^doctrine:(?:database|schema):drop$/, what: 'the database, or every table of its schema', guardOff: (args) => args.some((word) => word.value === '--force' || word.value === '-f')},
  {programs: /^mix$/, verb: /^ecto\.(?:drop|reset)$/, what: 'the database of the environment', guardOff: (args, env) => env.MIX_ENV === 'prod'},
  {programs: /^mix$/, verb: /^ecto\.rollback$/, what: 'what every migration made: each down step runs', guardOff: (args, env) => env.MIX_ENV === 'prod', needs: (_after, args) => args.some((word) => word.value === '--all')},
  // Flask-Migrate is alembic: `flask db downgrade base`, also past its options (`-d migrations`).
  {programs: /^flask$/, verb: /^downgrade$/, before: 'db', what: 'what every migration made: each downgrade step runs, down to an empty schema', needs: (after, args) => after[0]?.value === 'base' && !args.some((word) => word.value === '--sql')},
  // Flyway's and Liquibase's Maven and Gradle plugins: the same clean (guarded the same way) and dropAll.
  {programs: /^(?:mvnw?|gradlew?)$/, verb: /^(?:flyway:clean|flywayClean)$/, what: 'every object (tables, views, functions) of the schemas it manages', guardOff: (args, env) => args.some((word) => /^-Dflyway\.cleanDisabled=false$/i.test(word.value ?? '')) || /^false$/i.test(env.FLYWAY_CLEAN_DISABLED ?? '')},
  {programs: /^(?:mvnw?|gradlew?)$/, verb: /^(?:liquibase:dropAll|dropAll)$/, what: 'every object of the schemas it manages'},
  // EF Core: `database drop` asks unless --force; `database update 0` reverts every migration.
  {programs: /^dotnet(?:-ef)?$/, verb: /^drop$/, before: 'database', what: 'the database the context connects to', guardOff: (args) => args.some((word) => word.value === '--force' || word.value === '-f')},
  {programs: /^dotnet(?:-ef)?$/, verb: /^update$/, before: 'database', what: 'what every migration made: each is reverted', needs: (after) => after[0]?.value === '0'},
  // Doctrine migrating to `first` (or 0) reverts every migration; it asks unless -n.
  {programs: /^(?:console|symfony)$/, verb: /^doctrine:migrations:migrate$/, what: 'what every migration made: each down step runs', guardOff: (args) => args.some((word) => word.value === '--no-interaction' || word.value === '-n'), needs: (after) => /^(?:first|0)$/.test(after[0]?.value ?? '')},
  {programs: /^hasura(?:-cli)?$/, verb: /^apply$/, before: 'migrate', what: 'what every migration made: each down step runs', needs: (_after, args) => args.some((word, i) => word.value === '--down=all' || (word.value === '--down' && args[i + 1]?.value === 'all'))},
];

/** A drush alias of a live site: `@prod`, `@production`, `@live.shop`, `@shop.live`. */
const liveAlias = (args: Word[]) => args.some((word) => /^@(?:[\w-]+\.)?(?:prod|production|live)(?:\.[\w-]+)?$/.test(word.value ?? ''));
/** A live WordPress or Drupal site: a live alias (wp's `@production`), an absolute --path outside home and /tmp or a served folder in a home (`/home/shop/public_html`), a --url or --uri not on this machine. */
const liveSite = (args: Word[]) =>
  liveAlias(args) ||
  args.some(
    (word) =>
      (word.value?.startsWith('@') && !/^@(?:local|dev|development|test|staging|ddev|lando)\b/.test(word.value)) ||
      /^--(?:path|root|r)=\/(?!home\/|tmp\/|Users\/)/.test(word.value ?? '') ||
      /^--(?:path|root|r)=\/home\/[^/]+\/(?:public_html|www|htdocs|httpdocs)(?:\/|$)/.test(word.value ?? '') ||
      /^--(?:url|uri|l)=https?:\/\/(?!localhost|127\.|[\w.-]*\.(?:test|local|localhost|ddev\.site|lndo\.site)(?:[:/]|$))/.test(word.value ?? ''),
  );

const migrationValues = new Set(['--database', '--settings', '-v', '--verbosity', '--pythonpath', '--target', '-t', '--plan-file', '--registry', '--db-client', '--chdir', '--top-dir', '--engine', '--env', '-d', '--directory', '--tag', '-x', '--x-arg', '--context', '--project', '--startup-project', '--connection', '--configuration', '--framework', '--runtime', '--db-configuration', '--em', '--conn']);
const efValues = new Set([...migrationValues, '-c', '-p', '-s']);

/** The configuration files flyway reads: `-configFiles=A,B`, else the project's `flyway.conf` and `conf/flyway.conf`. */
function flywayConfigs(args: Word[]): string[] {
  const given = args.find((word) => /^-configFiles=/.test(word.value ?? ''))?.value;
  return given ? given.slice('-configFiles='.length).split(',') : ['flyway.conf', 'conf/flyway.conf'];
}

/** A migration tool's drop: its program may be the script an interpreter runs (`python manage.py flush`, `php bin/console …`). */
function migrationDrop(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const words = command.argv;
  // The tool, or the script an interpreter runs (`python3 -W ignore manage.py`, `php -d memory_limit=-1 artisan`), within the first few words.
  const at = words.findIndex((word, i) => i < 5 && word.known && migrationDrops.some(({programs}) => programs.test(word.value.split('/').pop()!)));
  if (at === -1) return null;
  const program = words[at]!.value!.split('/').pop()!;
  const args = words.slice(at + 1);
  if (args.some((word) => word.value === '--help' || word.value === '-h')) return null;
  for (const entry of migrationDrops) {
    if (!entry.programs.test(program)) continue;
    // prisma migrate reset, alembic downgrade base: the verb and what it needs.
    const verb = args.find((word) => word.known && entry.verb.test(word.value));
    if (!verb) continue;
    const at = args.indexOf(verb);
    if (entry.before !== undefined && args[at - 1]?.value !== entry.before) continue;
    // A verb that names a new migration file (`goose create reset sql`) is not run.
    if (args.slice(0, at).some((word) => word.value === 'create' || word.value === 'new')) continue;
    // The operands after the verb, without the options and the values the common ones take (`--database replica`, `-t prod`).
    // EF Core's short options take values too (`-c ShopContext`, `-p src/Shop`, `-s src/Api`).
    const values = /^dotnet/.test(command.program.value ?? '') ? efValues : migrationValues;
    const after = args.slice(at + 1).filter((word, i, rest) => (!word.value?.startsWith('-') || word.value === '-') && !values.has(rest[i - 1]?.value ?? ''));
    if (entry.needs && !entry.needs(after, args)) continue;
    if (entry.guardOff && !entry.guardOff(args, command.env, (path) => fileText(path, command, context))) continue;
    return {word: written(verb), reason: `${program} ${args.slice(0, args.indexOf(verb) + 1).filter((word) => !word.value?.startsWith('-')).map((word) => word.value).join(' ')} deletes ${entry.what}`};
  }

  return null;
}

/** rails/rake db:drop and its kin, with Rails' environment check off or in production (Rails itself refuses it in production only while the check is on); airflow db reset; the migration tools' drops above. */
export function frameworkDrop(command: SimpleCommand, context: EvaluationContext): Hit | null {
  const migration = migrationDrop(command, context);
  if (migration) return migration;
  const args = command.argv.slice(1);
  // `airflow db reset` burns down and rebuilds Airflow's own database: every run's history goes.
  if (command.program.value === 'airflow') {
    const at = args.findIndex((word) => word.value === 'db');
    const verb = at === -1 ? undefined : args[at + 1];
    return verb?.value === 'reset' && !args.some((word) => word.value === '--help' || word.value === '-h') ? {word: written(verb), reason: "airflow db reset deletes Airflow's database and every DAG run's history in it"} : null;
  }

  if (args.some((word) => word.value === '--help' || word.value === '-h' || word.value === '-T' || word.value === '--tasks' || word.value === '-n' || word.value === '--dry-run')) return null;
  const task = args.find((word) => word.known && dropTasks.test(word.value));
  if (!task) return null;
  const setting = (name: string) => args.find((word) => word.value?.startsWith(`${name}=`))?.value?.slice(name.length + 1) ?? command.env[name] ?? undefined;
  const unchecked = ['1', 'true', 'yes'].includes((setting('DISABLE_DATABASE_ENVIRONMENT_CHECK') ?? '').toLowerCase());
  const production = [setting('RAILS_ENV'), setting('RACK_ENV')].includes('production');
  if (!unchecked && !production) return null;
  return {word: written(task), reason: `${command.program.value} ${task.value} deletes the ${production ? 'production ' : ''}database${unchecked ? " with Rails' environment check switched off" : ''}`};
}
