/** Main navigation entries, in order. Features add theirs here. */
export interface NavItem {
  href: string;
  /** i18n key of the label. */
  label: string;
}

export const mainNav: NavItem[] = [
  { href: '/', label: 'nav.home' },
  { href: '/wilayah', label: 'nav.wilayah' },
  { href: '/rencana-aksi', label: 'nav.actionPlan' },
  { href: '/ide', label: 'nav.ideas' },
  { href: '/data', label: 'nav.catalog' },
  { href: '/indikator', label: 'nav.indicators' },
  { href: '/forum', label: 'nav.forum' },
];
