/**
 * The columns of each file of a CSV import directory, as `linkage import --help` and the
 * README list them (a test holds them equal to the import schema). Required columns first;
 * `?` marks an optional one. No imports: the CLI's help reads it without loading the graph.
 */
export const CSV_COLUMNS: Readonly<Record<string, { file: string; required: boolean; columns: readonly string[] }>> = {
  enterprises: {
    file: 'enterprises.csv',
    required: true,
    columns: ['id', 'name', 'role', 'industry', 'province', 'status', 'capacityPct?', 'size?', 'city?', 'uscc?', 'contact?', 'since?'],
  },
  links: { file: 'links.csv', required: true, columns: ['supplier', 'customer', 'part', 'critical?'] },
  statusReports: {
    file: 'status-reports.csv',
    required: false,
    columns: ['enterprise', 'status', 'capacityPct?', 'asOf?', 'note?', 'reporter?', 'expectedResumeOn?'],
  },
  inventories: { file: 'inventories.csv', required: false, columns: ['customer', 'part', 'days', 'asOf?', 'note?', 'reporter?'] },
  requests: {
    file: 'requests.csv',
    required: false,
    columns: ['enterprise', 'category', 'title', 'description', 'counterpartProvince?', 'counterpartEnterprise?', 'id?', 'raisedOn?'],
  },
};

/** The column list as help text: one line per file. */
export function csvColumnsHelp(): string {
  return Object.values(CSV_COLUMNS)
    .map((f) => `  ${f.file.padEnd(19)}${f.required ? '' : '(optional) '}${f.columns.join(', ')}`)
    .join('\n');
}
