/** A feature's messages in both languages. Keys are flat and dotted: `wilayah.title`. */
export interface Messages {
  id: Record<string, string>;
  en: Record<string, string>;
}
