import { readFileSync } from "node:fs";

/** How wide each character of a TrueType font is, in em. */
export type AdvanceWidths = (codePoint: number) => number;

/**
 * The advance widths of a TrueType file (its cmap format 4 and hmtx tables), so Vega lays a chart
 * out with the widths resvg will draw: without a browser it would guess 0.8 em a character.
 */
export function readAdvanceWidths(path: string): AdvanceWidths {
  const font = readFileSync(path);
  const tables = new Map<string, number>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const entry = 12 + i * 16;
    tables.set(font.toString("latin1", entry, entry + 4), font.readUInt32BE(entry + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`${path} has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = font.readUInt16BE(table("head") + 18);
  const metricCount = font.readUInt16BE(table("hhea") + 34);
  const hmtx = table("hmtx");
  const advance = (glyph: number) =>
    font.readUInt16BE(hmtx + 4 * Math.min(glyph, metricCount - 1)) / unitsPerEm;
  const glyphOf = unicodeGlyphs(font, table("cmap"));
  const cache = new Map<number, number>();
  return (codePoint) => {
    let width = cache.get(codePoint);
    if (width === undefined) {
      width = advance(glyphOf(codePoint));
      cache.set(codePoint, width);
    }
    return width;
  };
}

/** The glyph of a character by the font's Windows Unicode BMP map (format 4); 0, the missing glyph, beyond it. */
function unicodeGlyphs(font: Buffer, cmap: number): (codePoint: number) => number {
  let subtable: number | undefined;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    if (font.readUInt16BE(record) === 3 && font.readUInt16BE(record + 2) === 1)
      subtable = cmap + font.readUInt32BE(record + 4);
  }
  if (subtable === undefined || font.readUInt16BE(subtable) !== 4) throw new Error("no Unicode BMP cmap");
  const segments = font.readUInt16BE(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (codePoint) => {
    for (let s = 0; s < segments; s++) {
      if (codePoint > font.readUInt16BE(ends + s * 2)) continue;
      const start = font.readUInt16BE(starts + s * 2);
      if (codePoint < start) return 0;
      const delta = font.readInt16BE(deltas + s * 2);
      const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
