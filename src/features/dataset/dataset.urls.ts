/** URLs of the dataset and resource pages (kept beside the feature; `src/urls.ts` is shared). */
const e = encodeURIComponent;
export const datasetUrls = {
  mine: () => '/data/saya',
  reviewQueue: () => '/data/periksa',
  review: (name: string) => `/data/periksa/${e(name)}`,
  create: () => '/data/baru',
  page: (name: string) => `/dataset/${e(name)}`,
  edit: (name: string) => `/dataset/${e(name)}/ubah`,
  submit: (name: string) => `/dataset/${e(name)}/ajukan`,
  withdraw: (name: string) => `/dataset/${e(name)}/tarik`,
  version: (name: string, v: number) => `/dataset/${e(name)}/versi/${v}`,
  versionFile: (name: string, v: number, resourceId: string) =>
    `/dataset/${e(name)}/versi/${v}/berkas/${e(resourceId)}`,
  newResource: (name: string) => `/dataset/${e(name)}/sumber-daya/baru`,
  resource: (name: string, id: string) => `/dataset/${e(name)}/sumber-daya/${e(id)}`,
  resourceFile: (name: string, id: string) => `/dataset/${e(name)}/sumber-daya/${e(id)}/berkas`,
  resourceReplace: (name: string, id: string) => `/dataset/${e(name)}/sumber-daya/${e(id)}/ganti`,
  /** New data for a published resource, waiting for the walidata. */
  stageData: (name: string, id: string) => `/dataset/${e(name)}/sumber-daya/${e(id)}/data-baru`,
  /** A failed load run again (POST). */
  resourceRetry: (name: string, id: string) => `/dataset/${e(name)}/sumber-daya/${e(id)}/ulang`,
  resourceDelete: (name: string, id: string) => `/dataset/${e(name)}/sumber-daya/${e(id)}/hapus`,
  api: (name: string) => `/api/v1/datasets/${e(name)}`,
  apiList: () => '/api/v1/datasets',
  apiResources: (name: string) => `/api/v1/datasets/${e(name)}/resources`,
  apiVersion: (name: string, v: number) => `/api/v1/datasets/${e(name)}/versions/${v}`,
};
