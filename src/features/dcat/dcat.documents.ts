import type { Db } from '../../storage/database.js';
import { loadPublic, type DcatItem } from './dcat.mapping.js';
import { RDF_FORMATS, type RdfFormat } from './dcat.negotiation.js';
import { toJsonLd, toQuads, toRdfXml, toTurtle, type RdfNode } from './rdf.js';

/** One graph, written in the asked syntax. */
export async function serialise(nodes: RdfNode[], format: RdfFormat): Promise<string> {
  const quads = toQuads(nodes);
  if (format === 'ttl') return toTurtle(quads);
  if (format === 'rdf') return toRdfXml(quads);
  return JSON.stringify(await toJsonLd(quads));
}

export const contentType = (format: RdfFormat): string => `${RDF_FORMATS[format].type}; charset=utf-8`;

/** A public dataset by name or by id (CKAN accepts both in its URLs): its id and canonical name. */
export async function findPublicDataset(db: Db, nameOrId: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('catalog_entries')
    .select(['dataset_id', 'name'])
    .where((eb) => eb.or([eb('name', '=', nameOrId), eb('dataset_id', '=', nameOrId)]))
    .executeTakeFirst();
  return row ? { id: row.dataset_id, name: row.name } : null;
}

export async function loadPublicItem(db: Db, nameOrId: string): Promise<DcatItem | null> {
  const found = await findPublicDataset(db, nameOrId);
  if (!found) return null;
  const [item] = await loadPublic(db, [found.id]);
  return item ?? null;
}
