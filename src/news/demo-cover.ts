// A small PNG drawn in code for the demo article's cover: a row of houses under a sun on the
// site's green, so the demo shows a cover, a thumbnail and og:image without shipping a photo.

import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** An 8-bit RGB PNG from a function giving each pixel's colour. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw.writeUInt8(r, row + 1 + x * 3);
      raw.writeUInt8(g, row + 2 + x * 3);
      raw.writeUInt8(b, row + 3 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GREEN: [number, number, number] = [15, 81, 50];
const TINT: [number, number, number] = [233, 244, 238];
const SUN: [number, number, number] = [242, 193, 78];
const ROOF: [number, number, number] = [180, 83, 9];

/** 640×360: sky, sun, and a row of houses with pitched roofs and windows. */
export function demoCoverPng(width = 640, height = 360): Buffer {
  const ground = Math.round(height * 0.78);
  const houses = [0.06, 0.24, 0.42, 0.6, 0.78].map((f, i) => ({ x: Math.round(width * f), w: Math.round(width * 0.15), h: Math.round(height * (0.26 + (i % 2) * 0.08)) }));
  return encodePng(width, height, (x, y) => {
    if (y >= ground) return GREEN;
    const sx = x - width * 0.82;
    const sy = y - height * 0.2;
    if (sx * sx + sy * sy < (height * 0.09) ** 2) return SUN;
    for (const h of houses) {
      const top = ground - h.h;
      const roof = Math.round(h.w * 0.45);
      if (x >= h.x && x < h.x + h.w) {
        const mid = h.x + h.w / 2;
        if (y >= top && y < ground) {
          const wx = (x - h.x) % Math.round(h.w / 3);
          const wy = (y - top) % Math.round(h.h / 3);
          return wx > h.w / 12 && wx < h.w / 5 && wy > h.h / 12 && wy < h.h / 5 ? SUN : GREEN;
        }
        if (y >= top - roof && y < top && Math.abs(x - mid) <= (y - (top - roof)) * (h.w / 2 / roof)) return ROOF;
      }
    }
    // The sky lightens towards the horizon.
    const t = y / ground;
    return [Math.round(TINT[0] * t + 190 * (1 - t)), Math.round(TINT[1] * t + 225 * (1 - t)), Math.round(TINT[2] * t + 210 * (1 - t))];
  });
}
