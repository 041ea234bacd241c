import { sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { searchCatalog, type Clause } from '../catalog/catalog.query.js';
import { FACET_FIELDS, type FacetField } from '../catalog/catalog.table.js';
import { facetDisplayNames } from '../catalog/catalog.facets.js';
import { absolutePackage, ckanOrganization, type CkanPackage } from './ckan.package.js';
import { stableId } from './ckan.dates.js';
import { allLicenses } from './ckan.licenses.js';
import { notFound, searchQuery, validation } from './ckan.envelope.js';
import { parseCkanSort, parseSolrQuery } from './ckan.fq.js';
import { bool, int, list, required, str, type CkanParams } from './ckan.params.js';

export interface CkanEnv {
  db: Db;
  baseUrl: string;
  siteTitle: string;
}

const DEFAULT_SORT = 'score desc, metadata_modified desc';

export async function packageSearch(env: CkanEnv, p: CkanParams) {
  const q = str(p, 'q')?.trim() ?? '';
  const clauses: Clause[] = q && q !== '*:*' && q !== '*' ? parseSolrQuery(q) : [];
  for (const fq of [...list(p, 'fq'), ...list(p, 'fq_list')]) clauses.push(...parseSolrQuery(fq));
  const sortText = str(p, 'sort')?.trim() || DEFAULT_SORT;
  const rows = int(p, 'rows', 10, { max: 1000, clamp: true });
  const start = int(p, 'start', 0);
  const facetOn = bool(p, 'facet', true);
  const facetFields = facetOn ? list(p, 'facet.field', { comma: false }) : [];
  for (const f of facetFields)
    if (!(FACET_FIELDS as readonly string[]).includes(f)) throw searchQuery(`cannot facet on "${f.slice(0, 40)}"`);
  const facetLimit = int(p, 'facet.limit', 50, { min: -1 });
  const facetMinCount = int(p, 'facet.mincount', 1);
  const text = clauses
    .filter((c) => c.kind === 'text' && !c.negate)
    .map((c) => (c as { text: string }).text)
    .join(' ');
  const result = await searchCatalog(env.db, {
    text,
    clauses: clauses.filter((c) => !(c.kind === 'text' && !c.negate)),
    sort: parseCkanSort(sortText),
    start,
    rows,
    facetFields: facetFields as FacetField[],
    facetLimit,
    facetMinCount,
  });
  const names = await facetDisplayNames(env.db, result.facets);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  > = {};
  for (const [field, items] of Object.entries(result.facets)) {
    facets[field] = Object.fromEntries(items.map((i) => [i.value, i.count]));
    searchFacets[field] = {
      title: field,
      items: items.map((i) => ({
        name: i.value,
        display_name: names[field as FacetField]?.get(i.value) ?? i.value,
        count: i.count,
      })),
    };
  }
  return {
    count: result.count,
    facets,
    results: result.results.map((pkg) => absolutePackage(pkg, env.baseUrl)),
    sort: sortText,
    search_facets: searchFacets,
  };
}

async function findPackage(env: CkanEnv, idOrName: string): Promise<CkanPackage> {
  const row = await env.db
    .selectFrom('catalog_entries')
    .select('package_json')
    .where((eb) => eb.or([eb('dataset_id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (!row) throw notFound();
  return absolutePackage(JSON.parse(row.package_json) as CkanPackage, env.baseUrl);
}

export const packageShow = (env: CkanEnv, p: CkanParams) => findPackage(env, required(p, 'id'));

export async function packageList(env: CkanEnv, p: CkanParams) {
  let q = env.db.selectFrom('catalog_entries').select('name').orderBy('name');
  const limit = str(p, 'limit');
  if (limit !== undefined && limit !== '') q = q.limit(int(p, 'limit', 1000));
  const offset = int(p, 'offset', 0);
  if (offset) q = q.offset(offset).$if(limit === undefined || limit === '', (b) => b.limit(1_000_000));
  return (await q.execute()).map((r) => r.name);
}

export async function resourceShow(env: CkanEnv, p: CkanParams) {
  const id = required(p, 'id');
  const row = await env.db.selectFrom('resources').select('dataset_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const pkg = await findPackage(env, row.dataset_id).catch(() => {
    throw notFound();
  });
  const resource = pkg.resources.find((r) => r.id === id);
  if (!resource) throw notFound();
  return resource;
}

type OrgListOptions = { groups: boolean };

async function packageCounts(env: CkanEnv, kind: 'organization' | 'groups'): Promise<Map<string, number>> {
  const rows = await env.db
    .selectFrom('catalog_facets')
    .select(['value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('field', '=', kind)
    .groupBy('value')
    .execute();
  return new Map(rows.map((r) => [r.value, Number(r.n)]));
}

async function listOrgsOrGroups(env: CkanEnv, p: CkanParams, options: OrgListOptions) {
  const counts = await packageCounts(env, options.groups ? 'groups' : 'organization');
  const dicts = options.groups
    ? (await env.db.selectFrom('groups').selectAll().execute()).map((g) => groupDict(g, counts.get(g.name) ?? 0))
    : (await env.db.selectFrom('organizations').selectAll().execute()).map((o) => ({
        ...ckanOrganization(o),
        display_name: o.name,
        image_display_url: '',
        package_count: counts.get(o.slug) ?? 0,
        num_followers: 0,
      }));
  const only = list(p, options.groups ? 'groups' : 'organizations', { comma: true });
  let items = only.length ? dicts.filter((d) => only.includes(d.name) || only.includes(d.id)) : dicts;
  const sort = (str(p, 'sort') ?? 'title asc').trim();
  const m = /^(name|title|package_count)(?:\s+(asc|desc))?$/i.exec(sort);
  if (!m) throw validation({ sort: ['Invalid sort'] });
  const key = m[1]!.toLowerCase() as 'name' | 'title' | 'package_count';
  const dir = (m[2] ?? (key === 'package_count' ? 'desc' : 'asc')).toLowerCase() === 'desc' ? -1 : 1;
  items = items.sort(
    (a, b) =>
      dir *
        (key === 'package_count' ? a.package_count - b.package_count : String(a[key]).localeCompare(String(b[key]))) ||
      a.name.localeCompare(b.name),
  );
  const offset = int(p, 'offset', 0);
  const limitRaw = str(p, 'limit');
  items = items.slice(offset, limitRaw ? offset + int(p, 'limit', 1000, { max: 1000, clamp: true }) : undefined);
  return bool(p, 'all_fields', false) ? items : items.map((d) => d.name);
}

function groupDict(g: { id: string; name: string; title: string; description: string }, count: number) {
  return {
    id: g.id,
    name: g.name,
    title: g.title,
    display_name: g.title,
    description: g.description,
    type: 'group',
    image_url: '',
    image_display_url: '',
    created: null as string | null,
    is_organization: false,
    approval_status: 'approved',
    state: 'active',
    package_count: count,
    num_followers: 0,
  };
}

export const organizationList = (env: CkanEnv, p: CkanParams) => listOrgsOrGroups(env, p, { groups: false });
export const groupList = (env: CkanEnv, p: CkanParams) => listOrgsOrGroups(env, p, { groups: true });

async function packagesOf(
  env: CkanEnv,
  field: 'organization' | 'groups',
  value: string,
  p: CkanParams,
): Promise<CkanPackage[]> {
  if (!bool(p, 'include_datasets', false)) return [];
  const result = await searchCatalog(env.db, {
    text: '',
    clauses: [{ kind: 'term', field, values: [value], negate: false }],
    sort: [{ key: 'name', desc: false }],
    start: 0,
    rows: 1000,
    facetFields: [],
    facetLimit: 0,
    facetMinCount: 1,
  });
  return result.results.map((pkg) => absolutePackage(pkg, env.baseUrl));
}

export async function organizationShow(env: CkanEnv, p: CkanParams) {
  const id = required(p, 'id');
  const org = await env.db
    .selectFrom('organizations')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('slug', '=', id)]))
    .executeTakeFirst();
  if (!org) throw notFound();
  const counts = await packageCounts(env, 'organization');
  const packages = await packagesOf(env, 'organization', org.slug, p);
  return {
    ...ckanOrganization(org),
    display_name: org.name,
    image_display_url: '',
    package_count: counts.get(org.slug) ?? 0,
    num_followers: 0,
    packages,
    users: [],
    extras: [],
    tags: [],
    groups: [],
  };
}

export async function groupShow(env: CkanEnv, p: CkanParams) {
  const id = required(p, 'id');
  const g = await env.db
    .selectFrom('groups')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('name', '=', id)]))
    .executeTakeFirst();
  if (!g) throw notFound();
  const counts = await packageCounts(env, 'groups');
  return {
    ...groupDict(g, counts.get(g.name) ?? 0),
    packages: await packagesOf(env, 'groups', g.name, p),
    users: [],
    extras: [],
    tags: [],
    groups: [],
  };
}

export async function tagList(env: CkanEnv, p: CkanParams) {
  let q = env.db.selectFrom('catalog_facets').select('value').distinct().where('field', '=', 'tags').orderBy('value');
  const query = str(p, 'query')?.trim().toLowerCase();
  if (query)
    q = q.where(sql<boolean>`lower(value) like ${query.replace(/[\\%_]/g, (c) => '\\' + c) + '%'} escape '\\'`);
  const names = (await q.execute()).map((r) => r.value);
  return bool(p, 'all_fields', false)
    ? names.map((name) => ({ id: stableId('tag', name), name, display_name: name, vocabulary_id: null }))
    : names;
}

export function licenseList() {
  return allLicenses().map((l) => ({
    id: l.id,
    title: l.title,
    url: l.url,
    status: 'active',
    maintainer: '',
    family: '',
    is_generic: l.url === '',
    od_conformance: l.isOpen ? 'approved' : 'not reviewed',
    osd_conformance: 'not reviewed',
    domain_content: false,
    domain_data: true,
    domain_software: false,
  }));
}

export function statusShow(env: CkanEnv) {
  return {
    ckan_version: '2.10.4',
    site_title: env.siteTitle,
    site_url: env.baseUrl.replace(/\/$/, ''),
    site_description: 'Satu Data Kelurahan',
    error_emails_to: null,
    locale_default: 'id',
    extensions: ['datastore', 'dcat', 'satudata'],
  };
}
