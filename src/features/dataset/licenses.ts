/** Licences a dataset may carry; CC BY 4.0 is the default (open data, attribution). */
export interface License {
  id: string;
  title: string;
  url: string;
  /** Whether it meets the Open Definition (CKAN's `isopen`). */
  isOpen: boolean;
}

export const LICENSES: readonly License[] = [
  {
    id: 'cc-by-4.0',
    title: 'Creative Commons Attribution 4.0',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    isOpen: true,
  },
  {
    id: 'cc-by-sa-4.0',
    title: 'Creative Commons Attribution Share-Alike 4.0',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    isOpen: true,
  },
  {
    id: 'cc-zero',
    title: 'Creative Commons CCZero',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    isOpen: true,
  },
  {
    id: 'odc-by',
    title: 'Open Data Commons Attribution License',
    url: 'https://opendatacommons.org/licenses/by/1-0/',
    isOpen: true,
  },
  {
    id: 'odc-odbl',
    title: 'Open Data Commons Open Database License (ODbL)',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    isOpen: true,
  },
  {
    id: 'odc-pddl',
    title: 'Open Data Commons Public Domain Dedication and License (PDDL)',
    url: 'https://opendatacommons.org/licenses/pddl/1-0/',
    isOpen: true,
  },
  {
    id: 'cc-nc',
    title: 'Creative Commons Non-Commercial (Any)',
    url: 'https://creativecommons.org/licenses/by-nc/4.0/',
    isOpen: false,
  },
  { id: 'other-open', title: 'Other (Open)', url: '', isOpen: true },
  { id: 'other-closed', title: 'Other (Not Open)', url: '', isOpen: false },
  { id: 'notspecified', title: 'License not specified', url: '', isOpen: false },
];

export function findLicense(id: string): License | undefined {
  return LICENSES.find((l) => l.id === id);
}
