const e = encodeURIComponent;

export const privacyUrls = {
  page: (name: string) => `/dataset/${e(name)}/privasi`,
  resolve: (name: string, resourceId: string) => `/dataset/${e(name)}/sumber-daya/${e(resourceId)}/privasi`,
  restrict: (name: string) => `/dataset/${e(name)}/privasi/batasi`,
  api: (name: string) => `/api/v1/datasets/${e(name)}/privacy`,
  apiResolve: (name: string, resourceId: string) => `/api/v1/datasets/${e(name)}/resources/${e(resourceId)}/privacy`,
  apiRestrict: (name: string) => `/api/v1/datasets/${e(name)}/privacy/restrict`,
};
