// A strict reader of the Prometheus text exposition format (0.0.4), as node_exporter's
// textfile collector reads it: anything it would reject throws, naming the line.

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  help?: string;
  samples: Sample[];
  type?: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const types = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function unescape(text: string, quotes: boolean, where: string): string {
  return text.replace(/\\(.)/g, (_, next: string) => {
    if (next === '\\') return '\\';
    if (next === 'n') return '\n';
    if (next === '"' && quotes) return '"';
    throw new Error(`${where}: bad escape \\${next}`);
  });
}

function parseValue(text: string, where: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new Error(`${where}: '${text}' is not a sample value`);
  return Number(text);
}

// `{a="x",b="y"}` from `at`; returns the labels and where the closing brace ends.
function parseLabels(line: string, at: number, where: string): {end: number; labels: Record<string, string>} {
  const labels: Record<string, string> = {};
  let index = at + 1;
  for (;;) {
    if (line[index] === '}') return {end: index + 1, labels};
    const equals = line.indexOf('=', index);
    if (equals === -1) throw new Error(`${where}: label without a value`);
    const name = line.slice(index, equals);
    if (!labelName.test(name)) throw new Error(`${where}: '${name}' is not a label name`);
    if (name in labels) throw new Error(`${where}: label ${name} given twice`);
    if (line[equals + 1] !== '"') throw new Error(`${where}: label ${name} is not quoted`);
    let end = equals + 2;
    while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
    if (end >= line.length) throw new Error(`${where}: label ${name} is not closed`);
    labels[name] = unescape(line.slice(equals + 2, end), true, where);
    index = end + 1;
    if (line[index] === ',') index++;
    else if (line[index] !== '}') throw new Error(`${where}: expected , or } after label ${name}`);
  }
}

export function parsePrometheusText(text: string): Map<string, Family> {
  if (text !== '' && !text.endsWith('\n')) throw new Error('the last line does not end with a newline');
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  const finished = new Set<string>();
  let current: string | undefined;
  const family = (name: string) => {
    let found = families.get(name);
    if (!found) families.set(name, (found = {samples: []}));
    return found;
  };

  const enter = (name: string, where: string) => {
    if (current !== name) {
      if (finished.has(name)) throw new Error(`${where}: the lines of ${name} are not one group`);
      if (current !== undefined) finished.add(current);
      current = name;
    }
  };

  text.split('\n').slice(0, -1).forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const [, keyword, name, rest] = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(line) ?? [];
      if (!keyword) return;
      if (!metricName.test(name!)) throw new Error(`${where}: '${name}' is not a metric name`);
      enter(name!, where);
      const target = family(name!);
      if (keyword === 'HELP') {
        if (target.help !== undefined) throw new Error(`${where}: second HELP for ${name}`);
        target.help = unescape(rest ?? '', false, where);
      } else {
        if (target.type !== undefined) throw new Error(`${where}: second TYPE for ${name}`);
        if (target.samples.length > 0) throw new Error(`${where}: TYPE for ${name} after its samples`);
        if (!types.has(rest ?? '')) throw new Error(`${where}: '${rest}' is not a metric type`);
        target.type = rest as Family['type'];
      }

      return;
    }

    const nameEnd = line.search(/[{\s]/);
    const name = nameEnd === -1 ? line : line.slice(0, nameEnd);
    if (!metricName.test(name)) throw new Error(`${where}: '${name}' is not a metric name`);
    let at = name.length;
    let labels: Record<string, string> = {};
    if (line[at] === '{') ({end: at, labels} = parseLabels(line, at, where));
    const fields = line.slice(at).trim().split(/\s+/);
    if (line[at] !== ' ' || fields.length < 1 || fields.length > 2) throw new Error(`${where}: expected a value (and a timestamp)`);
    const value = parseValue(fields[0]!, where);
    if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1])) throw new Error(`${where}: '${fields[1]}' is not a timestamp`);
    enter(name, where);
    const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(series)) throw new Error(`${where}: ${series} given twice`);
    seen.add(series);
    family(name).samples.push({labels, value});
  });
  return families;
}
