/** One saved state of a public entity (commitment, milestone, plan, …), numbered per entity. */
export interface EntityVersionTable {
  id: string;
  entity_type: string;
  entity_id: string;
  version: number;
  /** The entity's public fields as JSON text at this version. */
  snapshot_json: string;
  actor_id: string | null;
  /** The actor's display name (never an e-mail address: history is public). */
  actor_label: string;
  created_at: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    entity_versions: EntityVersionTable;
  }
}
