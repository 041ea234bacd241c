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

export function presentOrganizationAdmin(row: OrganizationRow) {
  return {
    ...presentOrganization(row),
    id: row.id,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
