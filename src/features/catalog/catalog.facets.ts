import type { Db } from '../../storage/database.js';
import { licenseInfo } from '../ckan/ckan.licenses.js';
import type { FacetCount } from './catalog.query.js';
import type { FacetField } from './catalog.table.js';
import { listWilayahNames } from '../wilayah/wilayah.repository.js';

/** Human names for facet values: organisation and group titles, licence titles, area names. */
export async function facetDisplayNames(
  db: Db,
  facets: Partial<Record<FacetField, FacetCount[]>>,
): Promise<Partial<Record<FacetField, Map<string, string>>>> {
  const out: Partial<Record<FacetField, Map<string, string>>> = {};
  const values = (f: FacetField) => (facets[f] ?? []).map((i) => i.value);
  const orgs = values('organization');
  if (orgs.length)
    out.organization = new Map(
      (await db.selectFrom('organizations').select(['slug', 'name']).where('slug', 'in', orgs).execute()).map((o) => [
        o.slug,
        o.name,
      ]),
    );
  const groups = values('groups');
  if (groups.length)
    out.groups = new Map(
      (await db.selectFrom('groups').select(['name', 'title']).where('name', 'in', groups).execute()).map((g) => [
        g.name,
        g.title,
      ]),
    );
  const codes = values('wilayah');
  if (codes.length) out.wilayah = new Map((await listWilayahNames(db, codes)).map((w) => [w.kode, w.nama]));
  const licences = values('license_id');
  if (licences.length) out.license_id = new Map(licences.map((id) => [id, licenseInfo(id).title]));
  return out;
}
