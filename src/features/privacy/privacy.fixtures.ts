/**
 * Test fixtures: a resident list with realistic (invented) personal data, as a producer might
 * upload it by mistake. Not used by the running app.
 */
const FIRST = ['Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Joko', 'Sri', 'Ahmad', 'Putri', 'Eko', 'Wahyu'];
const LAST = ['Aminah', 'Santoso', 'Lestari', 'Prasetyo', 'Wulandari', 'Susilo', 'Rahayu', 'Fauzi', 'Handayani'];
const KECAMATAN = ['01', '02', '03'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface Person {
  nik: string;
  kk: string;
  nama: string;
  hp: string;
  email: string;
}

/** `n` people of Kota Madiun (region 3577), half of them women (day of birth + 40 in the NIK). */
export function people(n: number, seed = 1): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const k = i + seed * 100;
    const kec = KECAMATAN[k % 3]!;
    const day = 1 + ((k * 7) % 28);
    const month = 1 + ((k * 5) % 12);
    const year = 60 + ((k * 3) % 40);
    const woman = i % 2 === 1;
    const nik = `3577${kec}${pad(woman ? day + 40 : day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(1 + (k % 97), 4)}`;
    const kk = `3577${kec}${pad(1 + ((k * 3) % 28), 2)}${pad(1 + (k % 12), 2)}${pad(15 + (k % 8), 2)}${pad(100 + k, 4)}`;
    const first = FIRST[k % FIRST.length]!;
    const last = LAST[(k * 7) % LAST.length]!;
    out.push({
      nik,
      kk,
      nama: `${first} ${last}`,
      hp: `08${pad(12 + (k % 7), 2)}${pad(10000000 + k * 7919, 8)}`,
      email: `${first}.${last}${k}@contoh.id`.toLowerCase(),
    });
  }
  return out;
}

/** The 33-row file of the issue: nik, no_kk, nama, no_hp, email, plus a harmless column. */
export function residentCsv(
  list: Person[],
  extra: { header: string; value: (i: number) => string } = { header: 'rt', value: (i) => pad(1 + (i % 5), 2) },
): string {
  const rows = list.map((p, i) => [p.nik, p.kk, p.nama, p.hp, p.email, extra.value(i)].join(';'));
  return ['nik;no_kk;nama;no_hp;email;' + extra.header, ...rows].join('\n') + '\n';
}
