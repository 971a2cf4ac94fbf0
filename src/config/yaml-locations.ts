import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';

/** A parsed YAML document that can tell on which line a config path was written. */
export interface LocatedYaml {
  value: unknown;
  lineOf(path: readonly PropertyKey[], key?: string): number | undefined;
}

/** Parse YAML text; syntax errors become `{ line, message }`. */
export function parseLocatedYaml(text: string): LocatedYaml | { line: number; message: string } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    return { line, message: first.message.split('\n')[0] ?? first.message };
  }
  const lineOf = (path: readonly PropertyKey[], key?: string): number | undefined => {
    const node = doc.getIn(path as unknown[], true);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key);
      const range = pair && isNode(pair.key) ? pair.key.range : undefined;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    if (path.length > 0) return lineOf(path.slice(0, -1));
    return undefined;
  };
  return { value: doc.toJS(), lineOf };
}
