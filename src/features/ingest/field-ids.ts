/** A safe column id from an original header: lowercase ASCII, digits and underscores, ≤ 60 chars. */
export function safeFieldId(label: string, index: number): string {
  let id = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (id === '') id = `kolom_${index + 1}`;
  if (/^[0-9]/.test(id)) id = `k_${id}`.slice(0, 60);
  return id;
}

/** Ids for every header, unique (suffixes _2, _3 …), never `_id`; also which labels repeated. */
export function fieldIds(labels: string[]): { ids: string[]; duplicateLabels: string[] } {
  const used = new Set<string>(['_id', '_full_text']);
  const seenLabels = new Map<string, number>();
  const duplicateLabels: string[] = [];
  const ids = labels.map((label, i) => {
    const key = label.trim().toLowerCase();
    if (key !== '') {
      const n = (seenLabels.get(key) ?? 0) + 1;
      seenLabels.set(key, n);
      if (n === 2) duplicateLabels.push(label.trim());
    }
    const base = safeFieldId(label, i);
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base.slice(0, 55)}_${k}`;
    used.add(id);
    return id;
  });
  return { ids, duplicateLabels };
}
