// Writes public/icon-192.png and public/icon-512.png (the same drawing as public/icon.svg) without
// any image library: pixels are computed here and encoded as PNG with zlib.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const GREEN = [0x0b, 0x6e, 0x4f];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xf4, 0xc4, 0x30];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function pixel(x, y) {
  // Coordinates in the 512 × 512 space of the SVG. Full-bleed background (maskable-safe).
  const d = Math.hypot(x - 256, y - 256);
  if (d <= 70) return GOLD;
  if (Math.hypot(x - 256, y - 106) <= 26) return WHITE;
  if (Math.abs(d - 150) <= 14) return WHITE;
  return GREEN;
}

function png(size) {
  const rows = [];
  const s = 512 / size;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      // 2 × 2 supersampling for smoother edges.
      const acc = [0, 0, 0];
      for (const [dx, dy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ]) {
        const p = pixel((x + dx) * s, (y + dy) * s);
        for (let i = 0; i < 3; i++) acc[i] += p[i];
      }
      for (let i = 0; i < 3; i++) row[1 + x * 3 + i] = Math.round(acc[i] / 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) writeFileSync(join(here, '..', 'public', `icon-${size}.png`), png(size));
