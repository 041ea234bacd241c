/** One entry of the main menu. The composition root lists them, in order (src/app/registrations.ts). */
export interface NavItem {
  href: string;
  /** i18n key of the label. */
  label: string;
}
