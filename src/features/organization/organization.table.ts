import type { Generated } from 'kysely';
export const ORGANIZATION_KINDS = ['opd', 'kecamatan', 'kelurahan', 'cso', 'academia', 'private', 'external'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface OrganizationTable {
  id: string;
  slug: string;
  name: string;
  kind: OrganizationKind;
  wilayah_kode: string | null;
  description: string;
  website: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
  /** Edit version, bumped by every save (storage/versioned-update.ts). */
  edit_version: Generated<number>;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    organizations: OrganizationTable;
  }
}
