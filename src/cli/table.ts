import {escapeControls, type Piece} from '../print.js';

export interface Column {
  header: string;
  right?: boolean;
  /** When the table is too wide, this column gives way first, its text cut with `…` (a command). */
  cut?: boolean;
  /** When the table is too wide, this column may go (a time the marks beside it already order). */
  optional?: boolean;
  /** When the table is still too wide, this column's text wraps onto more lines, never cut (a job name). */
  wrap?: boolean;
}

/** A cell: plain text, or pieces of text with their tones (marks, bars). */
export type Cell = Piece[] | string;

const piecesOf = (cell: Cell): Piece[] => (typeof cell === 'string' ? [{text: cell}] : cell).map((piece) => ({...piece, text: escapeControls(piece.text)}));
const widthOf = (pieces: readonly Piece[]) => pieces.reduce((sum, piece) => sum + [...piece.text].length, 0);

function cut(pieces: readonly Piece[], width: number): Piece[] {
  if (widthOf(pieces) <= width) return [...pieces];
  const chars = [...pieces.map((piece) => piece.text).join('')];
  return [{text: `${chars.slice(0, Math.max(0, width - 1)).join('')}…`}];
}

// Lines of at most `width` characters, broken after a separator (- _ . / : space) where one is near.
function wrapped(pieces: readonly Piece[], width: number): Piece[][] {
  let rest = [...pieces.map((piece) => piece.text).join('')];
  if (rest.length <= width) return [[...pieces]];
  const lines: Piece[][] = [];
  while (rest.length > width) {
    const window = rest.slice(0, width);
    const breakAt = Math.max(...['-', '_', '.', '/', ':', ' '].map((separator) => window.lastIndexOf(separator)));
    const take = breakAt >= width / 2 ? breakAt + 1 : width;
    lines.push([{text: rest.slice(0, take).join('')}]);
    rest = rest.slice(take);
  }

  lines.push([{text: rest.join('')}]);
  return lines;
}

/**
 * A table for people, as lines of pieces. Within `width` (a terminal's) the table gives way
 * in steps, each only as far as it must: the `cut` column down to 24 characters, then the
 * `optional` columns go (from the right), then the `wrap` column wraps down to 12, then the
 * `cut` column is cut down to its header. With no width (a pipe, a file, a mail) every cell
 * is shown whole.
 */
export function tableLines(columns: readonly Column[], rows: readonly Cell[][], width: number | undefined): Piece[][] {
  const cells = rows.map((row) => row.map(piecesOf));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((row) => widthOf(row[index]!))));
  const shown = columns.map(() => true);
  const total = () => widths.reduce((sum, each, index) => (shown[index] ? sum + each + 2 : sum), -2);
  const shrink = (index: number, least: number) => {
    if (width !== undefined && index !== -1 && total() > width) widths[index] = Math.max(Math.min(least, widths[index]!), widths[index]! - (total() - width));
  };

  const cutColumn = columns.findIndex((column) => column.cut);
  const wrapColumn = columns.findIndex((column) => column.wrap);
  const header = (index: number) => columns[index]?.header.length ?? 0;
  shrink(cutColumn, Math.max(header(cutColumn), 24));
  for (let index = columns.length - 1; index >= 0; index--) if (width !== undefined && columns[index]!.optional && total() > width) shown[index] = false;
  shrink(wrapColumn, Math.max(header(wrapColumn), 12));
  shrink(cutColumn, header(cutColumn));

  const pad = (pieces: Piece[], index: number): Piece[] => {
    const space = {text: ' '.repeat(Math.max(0, widths[index]! - widthOf(pieces)))};
    return columns[index]!.right ? [space, ...pieces] : [...pieces, space];
  };

  const render = (row: Piece[][]): Piece[][] => {
    const stacks = row.map((pieces, index) => (!shown[index] ? [] : columns[index]!.wrap ? wrapped(pieces, widths[index]!) : [cut(pieces, widths[index]!)]));
    const height = Math.max(...stacks.map((stack) => stack.length));
    const visible = columns.map((_, index) => index).filter((index) => shown[index]);
    return Array.from({length: height}, (_, line) => trimEnd(visible.flatMap((index, position) => [...(position === 0 ? [] : [{text: '  '}]), ...pad(stacks[index]![line] ?? [], index)])));
  };

  return [...render(columns.map((column) => [{text: column.header}])), ...cells.flatMap(render)];
}

function trimEnd(pieces: Piece[]): Piece[] {
  const kept = [...pieces];
  while (kept.length > 0 && kept.at(-1)!.text.trimEnd() === '') kept.pop();
  if (kept.length > 0) kept[kept.length - 1] = {...kept.at(-1)!, text: kept.at(-1)!.text.trimEnd()};
  return kept;
}

/** Lines of pieces as plain text. */
export function plainText(lines: readonly Piece[][]): string {
  return lines.map((line) => line.map((piece) => piece.text).join('')).join('\n');
}
