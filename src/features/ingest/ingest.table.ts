export const FIELD_TYPES = ['text', 'int', 'float', 'bool', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface DatastoreField {
  id: string;
  label: string;
  type: FieldType;
}
