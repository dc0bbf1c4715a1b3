const TYPES: Array<[RegExp, string]> = [
  [/\.json$/, 'application/json'],
  [/\.ya?ml$/, 'application/yaml'],
  [/\.html$/, 'text/html'],
  [/\.csv$/, 'text/csv'],
  [/\.md$/, 'text/markdown'],
];

/** Saves text as a file through the browser's download. */
export function downloadText(text: string, file: string): void {
  const type = TYPES.find(([pattern]) => pattern.test(file))?.[1] ?? 'text/plain';
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.click();
  URL.revokeObjectURL(url);
}
