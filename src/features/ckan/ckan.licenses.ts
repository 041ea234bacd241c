import { LICENSES, findLicense, type License } from '../dataset/licenses.js';

/** Title, URL and openness of a licence id (CKAN's license_title, license_url and isopen). */
export function licenseInfo(id: string): License {
  return findLicense(id) ?? { id, title: id, url: '', isOpen: false };
}

export function allLicenses(): readonly License[] {
  return LICENSES;
}
