/** URLs of the datastore's own endpoints. */
export const datastoreUrls = {
  api: (resourceId: string) => `/api/v1/datastore/${encodeURIComponent(resourceId)}`,
  apiSearch: (resourceId: string) => `/api/v1/datastore/${encodeURIComponent(resourceId)}/search`,
  dump: (resourceId: string, query = '') => `/datastore/dump/${encodeURIComponent(resourceId)}${query}`,
};
