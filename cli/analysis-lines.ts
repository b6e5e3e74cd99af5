import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Reads an analysis in the layout `iamlp analyze` writes (indented header, then one JSON object per line in
 * `principals` and `usage`) one line at a time, so the file's text is never in memory as a whole. Returns the raw
 * parsed document, or undefined when the file has another layout (reformatted by hand or another tool) or a line
 * does not parse; the caller then falls back to parsing the whole file, which also locates JSON errors.
 */
export async function readAnalysisLines(path: string): Promise<Record<string, unknown> | undefined> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const head: string[] = [];
  const arrays: Record<'principals' | 'usage', unknown[]> = { principals: [], usage: [] };
  let section: 'head' | 'principals' | 'usage' | 'between' | 'end' = 'head';
  try {
    for await (const line of lines) {
      const opening = /^ {2}"(principals|usage)": \[(\],?)?$/.exec(line);
      if (opening && (section === 'head' || section === 'between')) {
        section = opening[2] ? 'between' : (opening[1] as 'principals' | 'usage');
        if (opening[2] && opening[1] === 'usage') section = 'end';
      } else if (section === 'head') head.push(line);
      else if (section === 'principals' || section === 'usage') {
        if (line === '  ],' || line === '  ]') section = section === 'usage' ? 'end' : 'between';
        else arrays[section].push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line));
      } else if (section === 'end' && line !== '}' && line !== '') return undefined;
    }
  } catch {
    return undefined;
  } finally {
    lines.close();
  }
  const headText = head.join('\n');
  if (section !== 'end' || !headText.endsWith(',')) return undefined;
  try {
    return { ...(JSON.parse(`${headText.slice(0, -1)}\n}`) as Record<string, unknown>), ...arrays };
  } catch {
    return undefined;
  }
}
