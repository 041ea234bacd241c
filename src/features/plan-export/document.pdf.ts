import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Block } from './document.blocks.js';

/** A Unicode TTF when the system has one; otherwise the built-in Helvetica (WinAnsi only). */
const FONT_CANDIDATES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  ],
] as const;
const unicodeFont = FONT_CANDIDATES.find(([r, b]) => fs.existsSync(r) && fs.existsSync(b));

// Characters of Windows-1252 beyond Latin-1 that the standard fonts can draw.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const winAnsi = (s: string) =>
  [...s].map((ch) => (ch.charCodeAt(0) < 256 || WIN_ANSI_EXTRA.has(ch) ? ch : ch === '→' ? '->' : '?')).join('');

/** Renders the same blocks as the printable page into an A4 PDF. */
export function renderPlanPdf(blocks: Block[], meta: { title: string; subject: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: meta.title, Subject: meta.subject, Creator: 'Terbuka' },
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    if (unicodeFont) {
      doc.registerFont('body', unicodeFont[0]);
      doc.registerFont('bold', unicodeFont[1]);
    } else {
      doc.registerFont('body', 'Helvetica');
      doc.registerFont('bold', 'Helvetica-Bold');
    }
    const text = (s: string) => (unicodeFont ? s : winAnsi(s));
    const width = doc.page.width - 112;
    let first = true;
    for (const b of blocks) {
      switch (b.kind) {
        case 'title':
          doc.font('bold').fontSize(20).text(text(b.text), { width });
          doc.moveDown(0.3);
          break;
        case 'subtitle':
          doc.font('body').fontSize(12).fillColor('#444').text(text(b.text), { width }).fillColor('#000');
          doc.moveDown();
          break;
        case 'heading':
          if (b.newPage && !first) doc.addPage();
          if (b.newPage) first = false;
          doc
            .moveDown(0.5)
            .font('bold')
            .fontSize(b.level === 2 ? 15 : 13)
            .text(text(b.text), { width });
          doc.moveDown(0.3);
          break;
        case 'text':
          doc.font('body').fontSize(10.5).text(text(b.text), { width, align: 'left' });
          doc.moveDown(0.5);
          break;
        case 'fields':
          for (const [k, v] of b.items) {
            doc.font('bold').fontSize(10).text(text(k), { width });
            doc.font('body').fontSize(10).text(text(v), { width });
            doc.moveDown(0.3);
          }
          doc.moveDown(0.3);
          break;
        case 'table':
          doc.font('bold').fontSize(11).text(text(b.caption), { width });
          doc.moveDown(0.2);
          b.rows.forEach((row, i) => {
            doc
              .font('bold')
              .fontSize(10)
              .text(text(`${i + 1}. ${row[0]}`), { width });
            doc
              .font('body')
              .fontSize(9.5)
              .text(
                text(
                  b.head
                    .slice(1)
                    .map((h, j) => `${h}: ${row[j + 1]}`)
                    .join(' · '),
                ),
                { width, indent: 12 },
              );
            doc.moveDown(0.3);
          });
          break;
      }
    }
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      // Writing inside the bottom margin would otherwise start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('body')
        .fontSize(8)
        .fillColor('#666')
        .text(text(`${meta.title} · ${i + 1}/${range.count}`), 56, doc.page.height - 40, {
          width,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}
