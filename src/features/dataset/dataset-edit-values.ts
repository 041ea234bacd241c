/**
 * A dataset as its edit form shows it (strings, lists comma-joined): the pending revision of a
 * published dataset, else the stored metadata. The same values feed the PATCH merge and the
 * "changed by someone else" diff (storage/versioned-update.ts).
 */
import type { DbOrTrx } from '../../storage/database.js';
import type { RequestContext } from '../../views/page-context.js';
import type { ConflictField } from '../../views/conflict.view.js';
import * as repo from './dataset.repository.js';
import type { DatasetRow } from './dataset.repository.js';
import { revisedDataset } from './dataset.service.js';
import { spatialCodes } from './dataset.presenter.js';
import type { FormValues } from './dataset-form.view.js';

function valuesFrom(d: DatasetRow, tags: string[], groups: string[]): FormValues {
  return {
    title: d.title,
    notes: d.notes,
    tags: tags.join(', '),
    groups: groups.join(','),
    licenseId: d.license_id,
    contactName: d.contact_name,
    contactEmail: d.contact_email,
    updateFrequency: d.update_frequency,
    nextReleaseDate: d.next_release_date ?? '',
    temporalStart: d.temporal_start ?? '',
    temporalEnd: d.temporal_end ?? '',
    spatialCodes: spatialCodes(d).join(', '),
    source: d.source,
    method: d.method,
    concept: d.concept,
    definition: d.definition,
    classification: d.classification,
    measure: d.measure,
    unit: d.unit,
    indicatorFormula: d.indicator_formula,
    indicatorInterpretation: d.indicator_interpretation,
    private: Number(d.private) ? 'on' : '',
  };
}
/** The form values of the version being edited (a published dataset's pending revision, if any). */
export async function editValues(db: DbOrTrx, d: DatasetRow): Promise<FormValues> {
  const revision = await revisedDataset(db, d);
  return revision
    ? valuesFrom(revision.row, revision.tags, revision.groups)
    : valuesFrom(d, await repo.tagsOf(db, d.id), await repo.groupsOf(db, d.id));
}

/** The dataset form's fields, as the diff names them. */
export function datasetConflictFields(ctx: RequestContext): ConflictField[] {
  const names = ['title', 'notes', 'tags', 'groups', 'licenseId', 'contactName', 'contactEmail', 'updateFrequency'];
  const more = ['nextReleaseDate', 'temporalStart', 'temporalEnd', 'spatialCodes', 'source', 'method', 'concept'];
  const rest = ['definition', 'classification', 'measure', 'unit', 'indicatorFormula', 'indicatorInterpretation'];
  return [...names, ...more, ...rest, 'private'].map((name) => ({ name, label: ctx.t(`dataset.field.${name}`) }));
}
