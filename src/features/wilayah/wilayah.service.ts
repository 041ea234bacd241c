import type { Db } from '../../storage/database.js';
import { AppError } from '../../errors.js';
import { whenReady } from '../../storage/compiled-query.js';
import { findWilayah, findWilayahNow, listWilayah, listGeometries, type WilayahFilter } from './wilayah.repository.js';

/** An area by code, or 404 — synchronous where the database allows it (the JSON API's hot path). */
export function getWilayahNow(db: Db, kode: string) {
  return whenReady(findWilayahNow(db, kode), (row) => {
    if (!row) throw new AppError('WILAYAH_NOT_FOUND', 404, { kode }, { kode });
    return row;
  });
}

export const getWilayah = async (db: Db, kode: string) => getWilayahNow(db, kode);

export const searchWilayah = (db: Db, filter: WilayahFilter) => listWilayah(db, filter);

/** An area with its ancestors (for breadcrumbs), its children, and the geometries to map it in its city. */
export async function getWilayahProfile(db: Db, kode: string) {
  const wilayah = await getWilayah(db, kode);
  const ancestors = [];
  let parentKode = wilayah.kode_induk;
  while (parentKode) {
    const parent = await findWilayah(db, parentKode);
    if (!parent) break;
    ancestors.unshift(parent);
    parentKode = parent.kode_induk;
  }
  const children = await listWilayah(db, { induk: kode });
  const cityKode = kode.split('.').slice(0, 2).join('.');
  const geometries = await listGeometries(db, cityKode);
  return { wilayah, ancestors, children, geometries };
}
