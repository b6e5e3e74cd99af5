/** Longest value printed in a table cell; CloudTrail values can be megabytes long. */
const MAX_CELL = 200;

function bounded(value: string): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL)}…` : flat;
}

/** A value as inline code, safe inside a table cell: no backtick, newline or unescaped pipe can break out. */
export function code(value: string): string {
  return `\`${bounded(value).replaceAll('`', "'").replaceAll('|', '\\|')}\``;
}

/** Plain text with Markdown and HTML metacharacters escaped (values come from policy files and CloudTrail). */
export function text(value: string): string {
  return bounded(value).replace(/[\\`*_[\]<>|&#]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );
}

/** A whole number with thousands separators, the same on every host. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A signed difference (`+3`, `−1,204`, `0`). */
export function signed(n: number): string {
  if (n === 0) return '0';
  return n > 0 ? `+${count(n)}` : `−${count(-n)}`;
}

/** A ratio as a percentage with one decimal. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A Markdown table; cells must already be escaped. */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align?: string,
): string[] {
  const rule = align ?? head.map(() => '---').join('|');
  return [`| ${head.join(' | ')} |`, `|${rule}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** A collapsible bullet list of actions, cut at `limit` entries with a pointer to the JSON output. */
export function details(summary: string, items: readonly string[], limit: number): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, limit).map((i) => `- ${code(i)}`);
  const rest =
    items.length > limit ? [`- … and ${count(items.length - limit)} more (all in --format json)`] : [];
  return ['<details>', `<summary>${summary}</summary>`, '', ...shown, ...rest, '', '</details>', ''];
}
