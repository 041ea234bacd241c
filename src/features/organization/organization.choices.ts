import type { Translate } from '../../i18n/i18n.js';
import { groupChoices, type Choice, type ChoiceGroup } from '../../views/form-controls.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from './organization.table.js';

/** An organisation in a picker: what the form sends, what it shows, and the kind it is listed under. */
export interface OrganizationChoice extends Choice {
  kind: OrganizationKind;
}

export const organizationChoice = (o: { id: string; name: string; kind: OrganizationKind }): OrganizationChoice => ({
  value: o.id,
  label: o.name,
  kind: o.kind,
});

/**
 * Organisations grouped by kind in the register's order (OPD, kecamatan, kelurahan, civil society,
 * academia, private, external), each group by name: the 39 institutions of Kota Madiun are found
 * by what they are instead of read through one list.
 */
export function organizationGroups(t: Translate, orgs: readonly OrganizationChoice[]): ChoiceGroup[] {
  const label = (kind: OrganizationKind) => t(`organization.kind.${kind}`);
  return groupChoices(
    orgs.map((o) => ({ value: o.value, label: o.label, group: label(o.kind) })),
    ORGANIZATION_KINDS.map(label),
  );
}
