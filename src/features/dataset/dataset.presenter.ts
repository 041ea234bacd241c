import type { Translate } from '../../i18n/i18n.js';
import type { DatasetRow } from './dataset.repository.js';
import { findLicense } from './licenses.js';
import { isOverdue } from './dataset.service.js';
import { datasetUrls } from './dataset.urls.js';
import type { StagedChanges } from './resources/staged-changes.js';
import type { DatasetDetail, ResourceView } from './dataset-detail.service.js';
import { parseQuality } from '../datastore/quality-report.js';
import type { IngestJobTable } from './resources/ingest-job.table.js';

export function spatialCodes(d: Pick<DatasetRow, 'spatial_codes'>): string[] {
  try {
    const v = JSON.parse(d.spatial_codes) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function presentDatasetSummary(
  d: DatasetRow,
  org: { id: string; slug: string; name: string },
  tags: string[] = [],
  groups: string[] = [],
) {
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.notes,
    state: d.state,
    version: d.version,
    organization: { id: org.id, slug: org.slug, name: org.name },
    licenseId: d.license_id,
    licenseTitle: findLicense(d.license_id)?.title ?? d.license_id,
    tags,
    groups,
    contactName: d.contact_name,
    contactEmail: d.contact_email,
    updateFrequency: d.update_frequency,
    nextReleaseDate: d.next_release_date,
    overdue: isOverdue(d),
    temporalStart: d.temporal_start,
    temporalEnd: d.temporal_end,
    spatialCodes: spatialCodes(d),
    source: d.source,
    method: d.method,
    concept: d.concept,
    definition: d.definition,
    classification: d.classification,
    measure: d.measure,
    unit: d.unit,
    indicatorFormula: d.indicator_formula,
    indicatorInterpretation: d.indicator_interpretation,
    private: Number(d.private) === 1,
    supersededBy: d.superseded_by,
    createdAt: d.created_at,
    metadataModified: d.metadata_modified,
    publishedAt: d.published_at,
    url: datasetUrls.page(d.name),
  };
}

/** The translated error of a failed ingest job (null otherwise). */
export function jobErrorMessage(t: Translate, job: IngestJobTable | undefined): string | null {
  if (job?.state !== 'failed' || !job.error_code) return null;
  const extra = job.error_json ? (JSON.parse(job.error_json) as { params?: Record<string, string | number> }) : {};
  return t(`error.${job.error_code}`, extra.params ?? {});
}

export function presentJob(t: Translate, job: IngestJobTable) {
  return {
    state: job.state,
    progress: Number(job.progress),
    errorCode: job.error_code,
    errorMessage: jobErrorMessage(t, job),
  };
}

/** What is staged for a published dataset's next version (producers and the walidata only). */
export function presentStagedChanges(t: Translate, c: StagedChanges) {
  return {
    pendingData: c.pendingData.map((p) => ({ resourceId: p.resourceId, fileName: p.fileName, rows: p.rows })),
    newResources: c.newResources.map((n) => ({
      id: n.resourceId,
      kind: n.kind,
      name: n.name,
      format: n.format,
      fileName: n.fileName,
      url: n.url,
      rows: n.rows,
    })),
    removals: c.removals.map((r) => ({ resourceId: r.resourceId, name: r.name })),
    loads: c.loads.map((l) => ({
      id: l.id,
      resourceId: l.resourceId,
      newResourceId: l.resourceId ? null : l.pendingId,
      fileName: l.fileName,
      ingest: l.job ? presentJob(t, l.job) : null,
    })),
  };
}

export function presentResource(t: Translate, v: ResourceView, withQuality: boolean) {
  const r = v.row;
  const job = v.job;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    format: r.format,
    urlType: r.url_type,
    url: r.url,
    mimetype: r.mimetype,
    size: r.size === null ? null : Number(r.size),
    hash: r.hash,
    position: r.position,
    createdAt: r.created_at,
    lastModified: r.last_modified,
    datastoreActive: Number(r.datastore_active) === 1,
    sheet: r.sheet,
    fields: v.fields,
    rowCount: v.store ? Number(v.store.row_count) : 0,
    ...(withQuality ? { quality: parseQuality(v.store?.quality_json) } : {}),
    ingest: job ? presentJob(t, job) : null,
  };
}

export function presentDatasetDetail(t: Translate, detail: DatasetDetail, options: { internal: boolean }) {
  const d = detail.dataset;
  return {
    ...presentDatasetSummary(d, detail.org, detail.tags, detail.groups),
    resources: detail.resources.map((v) => presentResource(t, v, options.internal)),
    ...(options.internal
      ? {
          reviews: detail.reviews.map((r) => ({
            field: r.field,
            comment: r.comment,
            version: r.version,
            createdAt: r.created_at,
            resolved: Number(r.resolved) === 1,
          })),
        }
      : {}),
    versions: detail.versions.map((v) => ({
      version: v.version,
      publishedAt: v.published_at,
      url: datasetUrls.version(d.name, v.version),
    })),
  };
}
