import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';
import { AppError } from '../errors.js';
import { translator } from '../i18n/i18n.js';
import type { CurrentUser } from '../actor/actor.js';
import type { QualityReport } from '../features/datastore/quality-report.js';
import { crashPoint } from '../jobs/crash-point.js';

// The ingest stack (exceljs, the catalogue index…) loads only when the command runs, so other
// commands and `--help` start quickly.
const SLUG = /^[a-z0-9][a-z0-9_-]{1,99}$/;

const usage = `Usage: terbuka import FILE --dataset SLUG [--org ORG] [--sheet NAME] [--name NAME] [--wilayah-column COLUMN]

Loads a CSV, TSV, XLSX or JSON file into the datastore as a resource of the dataset. A resource
with the same name (default: the file name) is replaced; otherwise one is added. When the dataset
does not exist it is created as a draft, which needs --org (the producer's organisation slug).
Prints the data-quality summary. A failed import changes nothing.
  --sheet NAME            the XLSX sheet to load (default: the first)
  --wilayah-column COLUMN require every code in COLUMN to be a known wilayah code`;

/** The command line acts with the operator's authority, recorded as "system:cli" in the audit log. */
const CLI_USER: CurrentUser = {
  id: 'cli',
  email: 'system:cli',
  name: 'CLI',
  roles: [{ role: 'admin', organizationId: null }],
};

function progressBar(): (fraction: number) => void {
  const tty = process.stderr.isTTY;
  let last = -1;
  return (f) => {
    const pct = Math.floor(f * 100);
    if (tty) {
      if (pct === last) return;
      last = pct;
      const width = 30;
      const done = Math.round((pct / 100) * width);
      process.stderr.write(`\r[${'#'.repeat(done)}${'-'.repeat(width - done)}] ${String(pct).padStart(3)}%`);
      if (pct >= 100) process.stderr.write('\n');
    } else if (pct >= last + 10 || (pct === 100 && last !== 100)) {
      last = pct;
      process.stderr.write(`${pct}%\n`);
    }
  };
}

/** A number column's unit and style, e.g. " [IDR, 1.234,56]". */
function columnNotes(c: QualityReport['columns'][number]): string {
  const notes = [c.unit, c.numberLocale ? (c.numberLocale === 'id' ? '1.234,56' : '1,234.56') : undefined];
  const shown = notes.filter((n): n is string => !!n);
  return shown.length ? ` [${shown.join(', ')}]` : '';
}

export function qualitySummary(q: QualityReport): string {
  const encoding = q.encoding ? `, encoding ${q.encoding}` : '';
  const delimiter = q.delimiter ? `, delimiter ${q.delimiter === '\t' ? 'tab' : JSON.stringify(q.delimiter)}` : '';
  const sheet = q.sheet ? `, sheet "${q.sheet}"` : '';
  const numbers = q.numberLocale === 'id' ? '1.234,56' : '1,234.56';
  const lines = [
    `${q.rowsLoaded} rows loaded, ${q.rowsExcluded} left out (of ${q.rowsRead} read); header on row ${q.headerRow}`,
    `format ${q.format}${encoding}${delimiter}${sheet}, numbers ${numbers}`,
    'columns:',
    ...q.columns.map(
      (c) =>
        `  ${c.id} (${c.type})${c.label !== c.id ? ` "${c.label}"` : ''}${columnNotes(c)}: ` +
        `${c.missing} missing, ${c.mismatches} wrong type`,
    ),
  ];
  const counts = Object.entries(q.counts).filter(([, n]) => (n ?? 0) > 0);
  if (counts.length) lines.push('problems:', ...counts.map(([k, n]) => `  ${k.replace(/_/g, ' ')}: ${n}`));
  for (const i of q.issues.filter((x) => x.kind === 'ambiguous_number' && x.readings))
    lines.push(`  column ${i.column}: ${i.value} read as ${i.readings![0]}; it could also be ${i.readings![1]}`);
  for (const i of q.issues.filter((x) => x.kind !== 'preamble_row' && x.kind !== 'ambiguous_number').slice(0, 10))
    lines.push(
      `  row ${i.row ?? '-'}${i.column ? ` column ${i.column}` : ''}: ${i.kind.replace(/_/g, ' ')}${i.value ? ` (${i.value})` : ''}`,
    );
  const privacy = q.personalData ?? [];
  // Personal data blocks publication until the producer or walidata deals with it (privacy/).
  if (privacy.length)
    lines.push(
      'personal data (cannot be published as it is; resolve on the resource page):',
      ...privacy.map((f) => `  ${f.column}: ${f.kind.replace(/_/g, ' ')} (${f.matches} of ${f.sampled})`),
    );
  return lines.join('\n');
}

export const importCommand: Command = {
  name: 'import',
  summary: "Load a CSV/TSV/XLSX/JSON file into a dataset's datastore (with a progress bar)",
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      {
        dataset: { type: 'string' },
        org: { type: 'string' },
        sheet: { type: 'string' },
        name: { type: 'string' },
        'wilayah-column': { type: 'string' },
      },
      usage,
      true,
    );
    if (values.help) return (console.log(usage), 0);
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new CliError(`Give exactly one FILE.\n\n${usage}`);
    if (!values.dataset || !SLUG.test(values.dataset))
      throw new CliError(`--dataset must be a slug (lowercase letters, digits, - or _).\n\n${usage}`);
    const [
      { createDataset },
      { findDatasetByName, resourcesOf },
      { datasetCreateInput },
      { uploadResource },
      { storeLocalFile },
    ] = await Promise.all([
      import('../features/dataset/dataset.service.js'),
      import('../features/dataset/dataset.repository.js'),
      import('../features/dataset/dataset.schema.js'),
      import('../features/dataset/resources/resource.service.js'),
      import('../features/ingest/stored-upload.js'),
    ]);
    const config = loadConfig();
    // Wired as the web app is (settings, listeners: derived indicators follow the new data).
    const storage = await openReadyStorage(config);
    const t = translator('en');
    try {
      let dataset = await findDatasetByName(storage.db, values.dataset);
      if (!dataset) {
        if (!values.org)
          throw new CliError(`Dataset "${values.dataset}" does not exist; give --org ORG to create it as a draft.`);
        const input = datasetCreateInput.parse({
          name: values.dataset,
          organization: values.org,
          title: values.dataset.replace(/[-_]+/g, ' '),
        });
        dataset = await createDataset(storage.db, CLI_USER, input);
        console.log(`Created draft dataset "${dataset.name}".`);
      }
      const name = values.name ?? path.basename(file);
      const existing = (await resourcesOf(storage.db, dataset.id)).find(
        (r) => r.name === name && r.url_type === 'upload',
      );
      const upload = await storeLocalFile(config, file);
      crashPoint('ingest:after-store');
      const result = await uploadResource(
        storage,
        CLI_USER,
        dataset.name,
        upload,
        { name, sheet: values.sheet, wilayahColumn: values['wilayah-column'], onProgress: progressBar() },
        existing?.id,
      );
      if (result.staged) {
        // A published dataset changes only with its next approved version.
        console.log(
          `${existing ? 'New data for' : 'New'} resource "${result.resource.name}" staged in the revision of published dataset ` +
            `"${dataset.name}": it is published when the walidata approves the revision.`,
        );
      } else
        console.log(
          `${existing ? 'Replaced' : 'Added'} resource "${result.resource.name}" (${result.resource.id}) in dataset "${dataset.name}".`,
        );
      if (result.report) console.log(qualitySummary(result.report));
      return 0;
    } catch (error) {
      if (error instanceof AppError) throw new CliError(`${t(`error.${error.code}`, error.params)} (${error.code})`, 1);
      throw error;
    } finally {
      await storage.close();
    }
  },
};
