// The moderators' labelled examples as a training file (the admin download and `moderation export`).

/** A CSV cell: quoted, with inner quotes doubled (texts are kept exactly as decided, for training). */
const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * The labelled examples as the `train` command reads them: `text,label` with Offensive/Neutral,
 * UTF-8 with a byte-order mark, CRLF lines. When a comment was decided more than once, its latest
 * decision wins.
 */
export function examplesCsv(rows: readonly { comment_id: number | null; text: string; label: 'offensive' | 'clean' }[]): string {
  const latest = new Map<string, { text: string; label: 'offensive' | 'clean' }>();
  rows.forEach((r, i) => {
    const key = r.comment_id === null ? `row:${i}` : `comment:${r.comment_id}`;
    latest.delete(key);
    latest.set(key, r);
  });
  const lines = ['text,label'];
  for (const r of latest.values()) lines.push(`${csvCell(r.text)},${r.label === 'offensive' ? 'Offensive' : 'Neutral'}`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
