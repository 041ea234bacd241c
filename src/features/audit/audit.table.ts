export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** The first sequence number whose hash is an HMAC; earlier entries keep plain sha256. */
  keyed_from: number;
}

export interface AuditLogTable {
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** This feature's tables in the schema Kysely sees (storage/schema.ts). */
declare module '../../storage/schema.js' {
  interface Database {
    audit_head: AuditHeadTable;
    audit_log: AuditLogTable;
  }
}
