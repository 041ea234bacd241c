import type { Messages } from '../../../i18n/messages.js';

export const disclosureMessages: Messages = {
  id: {
    'disclosure.form.title': 'Perlindungan angka kecil dan rincian',
    'disclosure.field.countsPeople': 'Apakah nilai indikator ini hitungan orang?',
    'disclosure.field.countsPeopleHint':
      'Secara bawaan setiap indikator dianggap hitungan orang, apa pun satuannya (jiwa, balita, KK, peserta…): angka kecil disembunyikan.',
    'disclosure.field.people': 'Ya, hitungan orang (dilindungi)',
    'disclosure.field.notPeople': 'Bukan hitungan orang (wajib dengan alasan)',
    'disclosure.field.reason': 'Alasan bukan hitungan orang',
    'disclosure.field.reasonHint':
      'Misalnya: "persentase hasil survei" atau "luas wilayah dalam km²". Tercatat di log audit dan tampil di halaman indikator.',
    'disclosure.field.breakdownOf': 'Rincian dari indikator total',
    'disclosure.field.breakdownOfHint':
      'Isi bila indikator ini adalah bagian dari total (mis. penduduk laki-laki dari jumlah penduduk): total dan rinciannya dilindungi bersama.',
    'disclosure.field.noTotal': '— bukan rincian —',
    'disclosure.field.dimension': 'Rincian menurut',
    'disclosure.dimension.sex': 'jenis kelamin',
    'disclosure.dimension.age': 'kelompok umur',
    'disclosure.dimension.education': 'pendidikan',
    'disclosure.dimension.other': 'rincian lain',
    'disclosure.reasonRequired': 'Tulis alasan (minimal 10 karakter) mengapa nilai indikator ini bukan hitungan orang.',
    'disclosure.unknownTotal': 'Pilih indikator total yang ada (bukan indikator ini sendiri).',
    'disclosure.totalIsBreakdown': 'Indikator total itu sendiri adalah rincian; pilih totalnya.',
    'disclosure.hasMembers': 'Indikator ini sudah menjadi total bagi rincian lain, jadi tidak dapat menjadi rincian.',
    'disclosure.dimensionRequired': 'Pilih rincian menurut apa.',
    'disclosure.page.breakdownOf': 'Rincian menurut {dimension} dari: ',
    'disclosure.page.members': 'Rincian indikator ini: ',
    'disclosure.page.protected':
      'Hitungan orang: angka di bawah {n} disembunyikan ("<{n}"), dan angka lain yang dapat membukanya ikut disembunyikan ("x").',
    'disclosure.page.notPeople': 'Bukan hitungan orang, menurut penyusunnya: {reason}',
    'disclosure.page.method': 'Cara perlindungan',
    'disclosure.chart.hidden': 'disembunyikan',
    'disclosure.chart.example': 'CONTOH',
  },
  en: {
    'disclosure.form.title': 'Small-count protection and breakdowns',
    'disclosure.field.countsPeople': "Are this indicator's values counts of people?",
    'disclosure.field.countsPeopleHint':
      'By default every indicator is treated as a count of people, whatever its unit (jiwa, toddlers, households, participants…): small counts are hidden.',
    'disclosure.field.people': 'Yes, counts of people (protected)',
    'disclosure.field.notPeople': 'Not counts of people (a reason is required)',
    'disclosure.field.reason': 'Why these are not counts of people',
    'disclosure.field.reasonHint':
      'For example: "percentage estimated from a survey" or "land area in km²". Recorded in the audit log and shown on the indicator page.',
    'disclosure.field.breakdownOf': 'Breakdown of the total indicator',
    'disclosure.field.breakdownOfHint':
      'Fill in when this indicator is part of a total (e.g. male population of the population): the total and its breakdowns are protected together.',
    'disclosure.field.noTotal': '— not a breakdown —',
    'disclosure.field.dimension': 'Broken down by',
    'disclosure.dimension.sex': 'sex',
    'disclosure.dimension.age': 'age group',
    'disclosure.dimension.education': 'education',
    'disclosure.dimension.other': 'another dimension',
    'disclosure.reasonRequired':
      "Say (in at least 10 characters) why this indicator's values are not counts of people.",
    'disclosure.unknownTotal': 'Choose an existing total indicator (not this one).',
    'disclosure.totalIsBreakdown': 'That indicator is itself a breakdown; choose its total.',
    'disclosure.hasMembers': 'This indicator is already the total of other breakdowns, so it cannot be a breakdown.',
    'disclosure.dimensionRequired': 'Choose what it is broken down by.',
    'disclosure.page.breakdownOf': 'Breakdown by {dimension} of: ',
    'disclosure.page.members': 'Breakdowns of this indicator: ',
    'disclosure.page.protected':
      'Counts of people: figures below {n} are hidden ("<{n}"), and other figures that would reveal them are hidden too ("x").',
    'disclosure.page.notPeople': 'Not counts of people, according to its author: {reason}',
    'disclosure.page.method': 'How protection works',
    'disclosure.chart.hidden': 'hidden',
    'disclosure.chart.example': 'CONTOH / EXAMPLE',
  },
};
