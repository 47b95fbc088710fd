// Draws the app icon, build/icon.png (512×512): a warm red rounded square with a white police
// shield carrying a red heart. Pixel by pixel, 4×4 supersampled, encoded as PNG with node:zlib —
// no packages. electron-builder derives the Windows .ico and the Linux icon set from it.
// Run: node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;

/** Inside the rounded square (24 px margin, 96 px corner radius). */
function inRoundedSquare(x, y) {
  const margin = 24;
  const radius = 96;
  const low = margin + radius;
  const high = SIZE - margin - radius;
  const dx = x < low ? low - x : x > high ? x - high : 0;
  const dy = y < low ? low - y : y > high ? y - high : 0;
  if (x < margin || x > SIZE - margin || y < margin || y > SIZE - margin) return false;
  return dx * dx + dy * dy <= radius * radius;
}

/** Inside the shield: a top edge dipping towards the middle, straight sides, a pointed bottom. */
function inShield(x, y) {
  const centre = 256;
  const halfWidth = 128;
  const dx = Math.abs(x - centre);
  if (dx > halfWidth) return false;
  const top = 104 + 22 * (1 - (dx / halfWidth) ** 2);
  const shoulder = 268;
  const bottom = 440;
  if (y < top || y > bottom) return false;
  if (y <= shoulder) return true;
  const t = (y - shoulder) / (bottom - shoulder);
  return dx <= halfWidth * Math.cos((t * Math.PI) / 2) ** 0.85;
}

/** Inside the heart: (u² + v² − 1)³ − u²v³ ≤ 0, centred in the shield. */
function inHeart(x, y) {
  const scale = 74;
  const u = (x - 256) / scale;
  const v = -(y - 262) / scale + 0.15;
  const a = u * u + v * v - 1;
  return a * a * a - u * u * v * v * v <= 0;
}

/** The warm red, lighter at the top. */
function red(y) {
  const t = y / SIZE;
  return [Math.round(232 - 40 * t), Math.round(80 - 42 * t), Math.round(58 - 13 * t)];
}

function colourAt(x, y) {
  if (!inRoundedSquare(x, y)) return [0, 0, 0, 0];
  if (inShield(x, y) && !inHeart(x, y)) return [255, 255, 255, 255];
  return [...red(y), 255];
}

const rowBytes = SIZE * 4 + 1;
const raw = Buffer.alloc(rowBytes * SIZE);
for (let py = 0; py < SIZE; py += 1) {
  raw[py * rowBytes] = 0; // filter: none
  for (let px = 0; px < SIZE; px += 1) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < SAMPLES; sy += 1) {
      for (let sx = 0; sx < SAMPLES; sx += 1) {
        const [cr, cg, cb, ca] = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        r += cr * ca;
        g += cg * ca;
        b += cb * ca;
        a += ca;
      }
    }
    const offset = py * rowBytes + 1 + px * 4;
    raw[offset] = a ? Math.round(r / a) : 0;
    raw[offset + 1] = a ? Math.round(g / a) : 0;
    raw[offset + 2] = a ? Math.round(b / a) : 0;
    raw[offset + 3] = Math.round(a / (SAMPLES * SAMPLES));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
header[10] = 0; // compression
header[11] = 0; // filter
header[12] = 0; // interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, png);
console.log(`wrote ${target} (${SIZE}×${SIZE}, ${png.length} bytes)`);
