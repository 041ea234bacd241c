import type { OrganizationRow } from './organization.repository.js';

/** Public view: what the organisation is, never a contact address. */
export function presentOrganization(row: OrganizationRow) {
  return {
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    wilayah: row.wilayah_kode
      ? { kode: row.wilayah_kode, nama: row.wilayah_nama ?? '', tingkat: row.wilayah_tingkat ?? '' }
      : null,
    description: row.description,
    website: row.website,
  };
}

/** An organisation in the shape its form and PUT body take (edit form, PATCH's base, the conflict diff). */
export function organizationValues(o: OrganizationRow) {
  return {
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    wilayahKode: o.wilayah_kode,
    description: o.description,
    website: o.website,
    email: o.email,
  };
}

export function presentOrganizationAdmin(row: OrganizationRow) {
  return {
    ...presentOrganization(row),
    id: row.id,
    version: row.edit_version,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
