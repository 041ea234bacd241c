import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../storage/database.js';
import type { DatasetTable } from '../dataset/dataset.table.js';
import type { OrganizationTable } from '../organization/organization.table.js';
import { ckanDate, stableId } from './ckan.dates.js';
import { licenseInfo } from './ckan.licenses.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { privateOriginalsOf } from '../privacy/private-originals.js';
import type { ResourceTable } from '../dataset/resources/resource.table.js';

/** Periode Update Data as Indonesian portals write it. */
const FREQUENCY_ID: Record<string, string> = {
  daily: 'Harian',
  weekly: 'Mingguan',
  monthly: 'Bulanan',
  quarterly: 'Triwulanan',
  semiannual: 'Semesteran',
  annual: 'Tahunan',
  irregular: 'Tidak Tentu',
  once: 'Sekali',
};

export interface CkanOrganization {
  id: string;
  name: string;
  title: string;
  type: 'organization';
  description: string;
  image_url: string;
  created: string | null;
  is_organization: true;
  approval_status: 'approved';
  state: 'active';
}

export interface CkanResource {
  id: string;
  package_id: string;
  name: string;
  description: string;
  url: string;
  url_type: string;
  format: string;
  mimetype: string | null;
  size: number | null;
  hash: string;
  created: string | null;
  last_modified: string | null;
  metadata_modified: string | null;
  position: number;
  state: string;
  datastore_active: boolean;
}

export interface CkanPackage {
  id: string;
  name: string;
  title: string;
  notes: string;
  url: string;
  version: string | null;
  state: string;
  type: 'dataset';
  private: boolean;
  isopen: boolean;
  license_id: string;
  license_title: string;
  license_url: string;
  author: string;
  author_email: string;
  maintainer: string;
  maintainer_email: string;
  metadata_created: string | null;
  metadata_modified: string | null;
  creator_user_id: string | null;
  owner_org: string;
  organization: CkanOrganization;
  num_resources: number;
  num_tags: number;
  tags: { id: string; name: string; display_name: string; state: 'active'; vocabulary_id: null }[];
  groups: {
    id: string;
    name: string;
    title: string;
    display_name: string;
    description: string;
    image_display_url: string;
  }[];
  extras: { key: string; value: string }[];
  resources: CkanResource[];
}

export function ckanOrganization(org: Selectable<OrganizationTable>): CkanOrganization {
  return {
    id: org.id,
    name: org.slug,
    title: org.name,
    type: 'organization',
    description: org.description,
    image_url: '',
    created: ckanDate(org.created_at),
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
  };
}

/** Where a resource's data can be fetched: the registered link, or our own download for uploads. */
export function resourceUrl(
  r: Pick<Selectable<ResourceTable>, 'id' | 'url' | 'url_type' | 'original_file'>,
  datasetName: string,
): string {
  if (r.url_type !== 'upload' && r.url) return r.url;
  if (r.original_file) return datasetUrls.resourceFile(datasetName, r.id);
  return `/datastore/dump/${encodeURIComponent(r.id)}`;
}

export function ckanResource(r: Selectable<ResourceTable>, datasetName: string): CkanResource {
  return {
    id: r.id,
    package_id: r.dataset_id,
    name: r.name,
    description: r.description,
    url: resourceUrl(r, datasetName),
    url_type: r.url_type === 'upload' ? 'upload' : '',
    format: (r.format || '').toUpperCase(),
    mimetype: r.mimetype,
    size: r.size === null ? null : Number(r.size),
    hash: r.hash ?? '',
    created: ckanDate(r.created_at),
    last_modified: ckanDate(r.last_modified),
    metadata_modified: ckanDate(r.metadata_modified),
    position: Number(r.position),
    state: r.state === 'deleted' ? 'deleted' : 'active',
    datastore_active: Number(r.datastore_active) === 1,
  };
}

/** Satu Data metadata as Indonesian-keyed extras, as regional CKAN portals carry it. */
export function satuDataExtras(d: Selectable<DatasetTable>): { key: string; value: string }[] {
  const codes = (() => {
    try {
      return (JSON.parse(d.spatial_codes) as string[]).join(', ');
    } catch {
      return '';
    }
  })();
  const temporal = d.temporal_start || d.temporal_end ? `${d.temporal_start ?? ''}/${d.temporal_end ?? ''}` : '';
  const always: [string, string][] = [
    ['Definisi Indikator', d.definition],
    ['Metode Rumus Perhitungan', d.indicator_formula],
    ['Satuan Indikator', d.unit],
    ['Kode Wilayah', codes],
    ['Periode Update Data', FREQUENCY_ID[d.update_frequency] ?? d.update_frequency],
    ['Cara Pengumpulan Data', d.method],
  ];
  const optional: [string, string | null][] = [
    ['Konsep', d.concept],
    ['Klasifikasi', d.classification],
    ['Ukuran', d.measure],
    ['Interpretasi', d.indicator_interpretation],
    ['Sumber Data', d.source],
    ['Cakupan Waktu', temporal],
    ['Jadwal Rilis Berikutnya', d.next_release_date],
  ];
  return [...always, ...optional.filter((e): e is [string, string] => !!e[1])].map(([key, value]) => ({
    key,
    value: value ?? '',
  }));
}

/** The full CKAN package dict of one dataset, as package_show and package_search return it. */
export async function buildPackageDict(db: DbOrTrx, datasetId: string): Promise<CkanPackage | null> {
  const d = await db.selectFrom('datasets').selectAll().where('id', '=', datasetId).executeTakeFirst();
  if (!d) return null;
  const [org, tags, groups, resources] = await Promise.all([
    db.selectFrom('organizations').selectAll().where('id', '=', d.organization_id).executeTakeFirstOrThrow(),
    db.selectFrom('dataset_tags').select('name').where('dataset_id', '=', d.id).orderBy('name').execute(),
    db
      .selectFrom('dataset_groups as dg')
      .innerJoin('groups as g', 'g.id', 'dg.group_id')
      .select(['g.id', 'g.name', 'g.title', 'g.description'])
      .where('dg.dataset_id', '=', d.id)
      .orderBy('g.name')
      .execute(),
    db
      .selectFrom('resources')
      .selectAll()
      .where('dataset_id', '=', d.id)
      .where('state', 'not in', ['deleted', 'pending'])
      .orderBy('position')
      .orderBy('created_at')
      .execute(),
  ]);
  const licence = licenseInfo(d.license_id);
  // An original that held personal data is never public: such resources point at their data dump.
  const closed = await privateOriginalsOf(
    db,
    resources.map((r) => r.original_file),
  );
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.notes,
    url: /^https?:\/\//.test(d.source) ? d.source : '',
    version: d.version > 0 ? String(d.version) : null,
    state:
      d.state === 'published'
        ? 'active'
        : d.state === 'withdrawn'
          ? 'deleted'
          : d.state === 'superseded'
            ? 'deleted'
            : 'draft',
    type: 'dataset',
    private: Number(d.private) === 1,
    isopen: licence.isOpen,
    license_id: d.license_id,
    license_title: licence.title,
    license_url: licence.url,
    author: org.name,
    author_email: org.email ?? '',
    maintainer: d.contact_name,
    maintainer_email: d.contact_email,
    metadata_created: ckanDate(d.created_at),
    metadata_modified: ckanDate(d.metadata_modified),
    creator_user_id: d.creator_user_id,
    owner_org: org.id,
    organization: ckanOrganization(org),
    num_resources: resources.length,
    num_tags: tags.length,
    tags: tags.map((t) => ({
      id: stableId('tag', t.name),
      name: t.name,
      display_name: t.name,
      state: 'active' as const,
      vocabulary_id: null,
    })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      title: g.title,
      display_name: g.title,
      description: g.description,
      image_display_url: '',
    })),
    extras: satuDataExtras(d),
    resources: resources.map((r) =>
      ckanResource(closed.has(r.original_file ?? '') ? { ...r, original_file: null } : r, d.name),
    ),
  };
}

/** Makes the relative URLs inside a stored package dict absolute for this site. */
export function absolutePackage(pkg: CkanPackage, baseUrl: string): CkanPackage {
  const base = baseUrl.replace(/\/$/, '');
  return { ...pkg, resources: pkg.resources.map((r) => (r.url.startsWith('/') ? { ...r, url: base + r.url } : r)) };
}
