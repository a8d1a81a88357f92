// Draws the extension icons (a white fish-hook on a magenta disc) into extension/icons/*.png.
// Run once when the design changes: `node scripts/make-icons.mjs`. Plain zlib, no image library.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
// Signed distance (in units of the icon size) to the hook: a shank, a bend and a barb.
function hook(u, v) {
  const seg = (ax, ay, bx, by) => {
    const px = u - ax, py = v - ay, dx = bx - ax, dy = by - ay;
    const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * h, py - dy * h);
  };
  const shank = seg(0.6, 0.2, 0.6, 0.6);
  const r = Math.hypot(u - 0.45, v - 0.6);
  const bend = v >= 0.6 ? Math.abs(r - 0.15) : Infinity;
  const barb = seg(0.3, 0.6, 0.36, 0.5);
  const eye = Math.abs(Math.hypot(u - 0.6, v - 0.17) - 0.05);
  return Math.min(shank, bend, barb, eye);
}
for (const size of [16, 32, 48, 128]) {
  const ss = 4; // supersampling
  const data = png(size, (x, y) => {
    let disc = 0, white = 0;
    for (let i = 0; i < ss; i++) for (let j = 0; j < ss; j++) {
      const u = (x + (i + 0.5) / ss) / size, v = (y + (j + 0.5) / ss) / size;
      if (Math.hypot(u - 0.5, v - 0.5) <= 0.48) {
        disc++;
        if (hook(u, v) <= Math.max(0.045, 1.2 / size)) white++;
      }
    }
    const n = ss * ss, a = disc / n, w = disc ? white / disc : 0;
    const mix = (c) => Math.round(c * (1 - w) + 255 * w);
    return [mix(0xb0), mix(0x12), mix(0x4f), Math.round(a * 255)];
  });
  writeFileSync(`extension/icons/${size}.png`, data);
}
console.log('icons written to extension/icons/');
