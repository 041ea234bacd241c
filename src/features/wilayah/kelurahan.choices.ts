import type { Translate } from '../../i18n/i18n.js';
import { groupChoices, type Choice, type ChoiceGroup } from '../../views/form-controls.js';

/** A kelurahan in a picker: its code, its name and the kecamatan it is listed under. */
export interface KelurahanChoice extends Choice {
  kecamatan: string;
}

export const kelurahanChoice = (k: { kode: string; nama: string; nama_induk: string | null }): KelurahanChoice => ({
  value: k.kode,
  label: k.nama,
  kecamatan: k.nama_induk ?? '',
});

/** Kelurahan under their kecamatan (both by name), as people in Madiun place them. */
export function kelurahanGroups(t: Translate, items: readonly KelurahanChoice[]): ChoiceGroup[] {
  return groupChoices(
    items.map((k) => ({
      value: k.value,
      label: k.label,
      group: k.kecamatan ? t('wilayah.kecamatanGroup', { name: k.kecamatan }) : t('wilayah.level.kecamatan'),
    })),
  );
}
