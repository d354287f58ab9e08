import { inflateSync } from "node:zlib";

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes per pixel of an 8-bit PNG by its colour type (grey, RGB, palette, grey+alpha, RGBA). */
const channels: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a PNG as far as a viewer must before drawing it: the signature, the IHDR header, every
 * chunk in bounds up to IEND, and the IDAT stream inflated to exactly one filter byte plus one row
 * of pixels per line. Throws on anything else; returns the size and how many pixels are not white.
 */
export function decodePng(png: Uint8Array): { width: number; height: number; inked: number } {
  const bytes = Buffer.from(png);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error("not a PNG: wrong signature");
  let pos = 8;
  let header: { width: number; height: number; depth: number; colour: number } | undefined;
  const data: Buffer[] = [];
  for (;;) {
    if (pos + 12 > bytes.length) throw new Error("PNG ends inside a chunk");
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString("latin1", pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (body.length !== length) throw new Error(`PNG chunk ${type} runs past the end`);
    if (type === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body.readUInt8(8),
        colour: body.readUInt8(9),
      };
    } else if (type === "IDAT") data.push(body);
    pos += 12 + length;
    if (type === "IEND") break;
  }
  if (header === undefined) throw new Error("PNG without IHDR");
  const perPixel = channels[header.colour];
  if (header.depth !== 8 || perPixel === undefined) throw new Error("PNG of an unexpected pixel format");
  const raw = inflateSync(Buffer.concat(data));
  const row = 1 + header.width * perPixel;
  if (raw.length !== row * header.height) throw new Error("PNG pixel data of the wrong length");
  let inked = 0;
  let previous: Buffer = Buffer.alloc(row - 1);
  for (let y = 0; y < header.height; y++) {
    const line = unfilter(raw.subarray(y * row, (y + 1) * row), previous, perPixel);
    for (let x = 0; x < header.width * perPixel; x += perPixel) {
      if (line.subarray(x, x + Math.min(perPixel, 3)).some((v) => v < 250)) inked += 1;
    }
    previous = line;
  }
  return { width: header.width, height: header.height, inked };
}

/** One scanline undone from its PNG filter (none, sub, up, average, Paeth). */
function unfilter(line: Buffer, previous: Buffer, bpp: number): Buffer {
  const filter = line[0];
  const out = Buffer.from(line.subarray(1));
  for (let i = 0; i < out.length; i++) {
    const a = i >= bpp ? (out[i - bpp] as number) : 0;
    const b = previous[i] as number;
    const c = i >= bpp ? (previous[i - bpp] as number) : 0;
    const x = out[i] as number;
    if (filter === 1) out[i] = (x + a) & 0xff;
    else if (filter === 2) out[i] = (x + b) & 0xff;
    else if (filter === 3) out[i] = (x + ((a + b) >> 1)) & 0xff;
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      out[i] = (x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
    } else if (filter !== 0) throw new Error(`PNG filter ${filter} does not exist`);
  }
  return out;
}
