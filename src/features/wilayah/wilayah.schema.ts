import { z } from 'zod';

export const kodeParam = z.object({
  kode: z
    .string()
    .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'wilayah.badCode')
    .describe('Kemendagri code, e.g. 35.77.02.1002'),
});

export const wilayahQuery = z.object({
  level: z
    .enum(['provinsi', 'kota', 'kabupaten', 'kecamatan', 'kelurahan', 'desa'])
    .optional()
    .describe('Only areas at this level'),
  parent: z.string().max(20).optional().describe('Only the direct children of this code, e.g. 35.77.01'),
});

export const wilayahJson = z.object({
  kode: z.string(),
  kodeTanpaTitik: z.string(),
  nama: z.string(),
  tingkat: z.string(),
  kodeInduk: z.string().nullable(),
  namaInduk: z.string().nullable(),
  kodePos: z.string().nullable(),
  centroid: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  luasKm2: z.number().nullable(),
  sumber: z.string(),
  url: z.string(),
});

export const wilayahListResponse = z.object({
  ok: z.literal(true),
  data: z.array(wilayahJson),
  meta: z.object({ total: z.number() }),
});

export const wilayahDetailResponse = z.object({
  ok: z.literal(true),
  data: wilayahJson.extend({ geometry: z.unknown().describe('GeoJSON geometry (WGS84, [lng, lat])') }),
});
