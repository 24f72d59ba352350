/** Plain-text tables with aligned columns: text columns to the left, numbers to the right. */

export interface Column {
  header: string;
  /** `right` for numbers. */
  align?: 'left' | 'right';
}

const GAP = '  ';

/**
 * Renders a table as lines: a header row, a rule, then one line per row. Widths count UTF-16 code units, which is
 * right for the ASCII this CLI prints and for most ids.
 *
 * @example renderTable([{ header: 'id' }, { header: 'n', align: 'right' }], [['a', '1']])
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        return c.align === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join(GAP), ...rows.map(line)];
}
