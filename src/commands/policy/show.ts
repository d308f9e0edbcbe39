import {GuardCommand} from '../../cli/guard-command.js';
import {policyFlag} from '../../cli/flag-spec.js';
import {oclifFlags} from '../../cli/oclif-flags.js';
import {table} from '../../cli/output.js';
import {escapeControls} from '../../print.js';
import {formatDuration} from '../../duration.js';
import {builtinLayer} from '../../policy-files/builtin.js';
import {describePolicy, type PolicyView} from '../../policy-files/describe.js';
import {loadPolicy} from '../../policy-files/index.js';
import {describeSettings, formatBytes, resolveJobSettings} from '../../policy/job-settings.js';
import {exitStatus} from '../../exit-status.js';

const durations = new Set(['timeout', 'killAfter', 'lockWait', 'retryDelay', 'retention', 'heartbeat', 'lostAfter', 'lockDelay', 'userTimeout', 'connectTimeout', 'shipTimeout', 'idle', 'interval']);
const sizes = new Set(['captureBytes']);

// fleet.url may carry a password: shown without it.
function withoutPassword(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed?.password) return url;
  parsed.password = '***';
  return parsed.href;
}

function valueText(key: string, value: unknown): string {
  if (key === 'url' && typeof value === 'string') return withoutPassword(value);
  if (key === 'keepalive' && value && typeof value === 'object') {
    return Object.entries(value).map(([name, inner]) => `${name} ${valueText(name, inner)}`).join(', ');
  }

  if (typeof value === 'number' && durations.has(key)) return formatDuration(value);
  if (typeof value === 'number' && sizes.has(key)) return formatBytes(value);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

// Every setting as `defaults.timeout  30m  /etc/guard/policy.yaml`.
function settingRows(value: unknown, path: string, rows: string[][]): string[][] {
  if (Array.isArray(value)) {
    for (const item of value as Array<{source: string; value: unknown}>) rows.push([path, valueText(path, item.value), item.source]);
  } else if (value && typeof value === 'object' && 'source' in value && 'value' in value) {
    rows.push([path, valueText(path.split('.').at(-1)!, value.value), String(value.source)]);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) settingRows(inner, path ? `${path}.${key}` : key, rows);
  }

  return rows;
}

function layerLabel(layer: PolicyView['layers'][number]): string {
  const notes = [layer.viaFlag ? `from ${layer.viaFlag}` : '', layer.realPath && layer.realPath !== layer.path ? `→ ${layer.realPath}` : '', layer.cached ? 'cached' : ''].filter(Boolean);
  return notes.length > 0 ? `${layer.path} (${notes.join(', ')})` : (layer.path ?? '');
}

// Sources by layer name (the first table maps each to its file), so the tables fit a screen.
function human(view: PolicyView): string {
  const names = new Map(view.layers.map((layer) => [layer.source, layer.layer]));
  const named = (source: string) => names.get(source) ?? source;
  const reach = (item: PolicyView['paths']['allow'][number]) =>
    item.carvesOutOf.includes('built-in') ? 'every layer' : item.carvesOutOf.map(named).join(', ');
  const sections = [
    table([{header: 'LAYER'}, {header: 'FILE'}], view.layers.map((layer) => [layer.layer, layerLabel(layer)]), 1),
    table([{header: 'PACK'}, {header: 'ON'}, {header: 'FROM'}], Object.entries(view.packs).map(([name, pack]) => [name, pack.on ? 'on' : 'off', named(pack.source)]), 2),
  ];
  const rules = view.rules.map((rule) => [rule.id, rule.level, rule.pack ? `built-in ${rule.pack}` : named(rule.source), rule.overriddenBy ? named(rule.overriddenBy) : '']);
  sections.push(table([{header: 'RULE'}, {header: 'LEVEL'}, {header: 'FROM'}, {header: 'LEVEL SET BY'}], rules, 3));
  // A layer that set a rule's level gave its reason, which guard now says: both, uncut.
  const reasons = view.rules.flatMap((rule) =>
    rule.overriddenBy && rule.overrideReason !== undefined
      ? [`${rule.id} (${rule.level}, ${named(rule.overriddenBy)}): ${rule.overrideReason}`, `  in place of ${rule.pack ? 'built-in' : named(rule.source)}: ${rule.reason ?? '-'}`]
      : [],
  );
  if (reasons.length > 0) sections.push(['REASONS GIVEN WITH A LEVEL', ...reasons.map((line) => escapeControls(line))].join('\n'));
  const paths = [
    ...view.paths.protect.map((item) => ['protect', item.glob, named(item.source), '']),
    ...view.paths.allow.map((item) => ['allow', item.glob, named(item.source), `carves out of ${reach(item)}`]),
    ...(view.paths.confine ?? []).map((item) => ['confine', item.root, named(item.source), '']),
  ];
  sections.push(paths.length > 0 ? table([{header: 'PATHS'}, {header: 'GLOB'}, {header: 'FROM'}, {header: ''}], paths, 3) : 'PATHS\n(the built-in protected paths only)');
  const settings = settingRows(view.settings, '', []).map(([key, value, source]) => [key!, value!, named(source!)]);
  sections.push(settings.length > 0 ? table([{header: 'SETTING'}, {header: 'VALUE'}, {header: 'FROM'}], settings, 1) : 'SETTING\n(none: flags and built-in defaults apply)');
  return sections.join('\n\n');
}

export default class PolicyShow extends GuardCommand {
  static override summary = 'The effective policy, merged from every layer, with where each part came from.';
  static override description = [
    'Layers in order: built-in, system (/etc/guard/policy.*), user ($XDG_CONFIG_HOME/guard/policy.*), project (.guardrc… from here upward, or --policy / GUARD_POLICY).',
    'A file marked cached was not parsed or validated again: it has not changed since guard last loaded it.',
    `With --json, durations are milliseconds and sizes bytes. Exits ${exitStatus.policyInvalid} when a policy file is invalid or unsafe.`,
  ].join(' ');

  static override examples = [
    '<%= config.bin %> policy show',
    '<%= config.bin %> policy show --name backup',
    '<%= config.bin %> policy show --json | jq .rules',
    '<%= config.bin %> policy show --policy ./ci-policy.yaml',
  ];

  static override flags = oclifFlags({
    json: {kind: 'boolean', summary: 'print the merged policy as one JSON object'},
    name: {
      kind: 'value',
      helpValue: 'NAME',
      summary: 'only the settings `guard run --name NAME` gets from the policy (before flags), each with where it came from',
    },
    policy: policyFlag,
  });

  async run(): Promise<void> {
    const {flags} = await this.parse(PolicyShow);
    const builtin = builtinLayer();
    const loaded = await loadPolicy({cwd: process.cwd(), env: process.env, policyFlag: flags.policy}, builtin);
    if (flags.name !== undefined) {
      const resolved = resolveJobSettings(flags.name, {}, loaded.settings);
      const fixed = loaded.settings.jobs[flags.name]?.fixed.map((item) => item.value) ?? [];
      if (flags.json) this.logJson({fixed, name: flags.name, settings: resolved.values, sources: resolved.sources});
      else {
        const rows = describeSettings(resolved).map(([key, value, source]) => [key, value, fixed.includes(key as never) ? `${source} (fixed)` : source]);
        // Not cut to the screen: where a value came from is the point of this view.
        const widths = [0, 1].map((column) => Math.max(...[['SETTING', 'VALUE'], ...rows].map((row) => row[column]!.length)));
        const lines = [['SETTING', 'VALUE', 'FROM'], ...rows].map((row) => row.map((cell, index) => (index < 2 ? cell.padEnd(widths[index]!) : cell)).join('  '));
        this.log([`job ${flags.name}`, '', ...lines].join('\n'));
      }

      return;
    }

    const view = describePolicy(loaded, builtin.rules);
    const url = view.settings.fleet.url;
    if (url) view.settings = {...view.settings, fleet: {...view.settings.fleet, url: {...url, value: withoutPassword(url.value)}}};
    if (flags.json) this.logJson(view);
    else this.log(human(view));
  }
}
