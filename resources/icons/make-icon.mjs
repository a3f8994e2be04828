#!/usr/bin/env node
/**
 * Draws the app icon (a shield with a check mark on a rounded square) as icon.svg and as a 512x512
 * icon.png, with no dependencies: the PNG is rasterised here (4x4 supersampling) and encoded with
 * node:zlib. electron-builder turns the PNG into .icns and .ico when it packages.
 *
 *     node resources/icons/make-icon.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;
const here = dirname(fileURLToPath(import.meta.url));

const BACKGROUND = [15, 42, 68];
const SHIELD = [43, 179, 163];
const MARK = [255, 255, 255];

// Geometry, in a 512 x 512 box.
const CORNER = { margin: 24, radius: 104 };
const SHIELD_SHAPE = { top: 104, shoulder: 292, bottom: 424, halfWidth: 124, centre: 256 };
const CHECK = { points: [[194, 262], [238, 308], [322, 214]], halfWidth: 17 };

function inRoundedSquare(x, y) {
  const { margin, radius } = CORNER;
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const dx = x < lo ? lo - x : x > hi ? x - hi : 0;
  const dy = y < lo ? lo - y : y > hi ? y - hi : 0;
  return x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin && dx * dx + dy * dy <= radius * radius;
}

/** Half the shield's width at height y: straight sides, then a curve to the point at the bottom. */
function shieldHalfWidth(y) {
  const { top, shoulder, bottom, halfWidth } = SHIELD_SHAPE;
  if (y < top || y > bottom) return -1;
  if (y <= shoulder) return halfWidth;
  const t = (y - shoulder) / (bottom - shoulder);
  return halfWidth * (1 - t ** 1.7);
}

function inShield(x, y) {
  const { top, centre } = SHIELD_SHAPE;
  // A shallow dip in the middle of the top edge.
  const dip = 14 * Math.max(0, 1 - Math.abs(x - centre) / 90);
  return y >= top + dip && Math.abs(x - centre) <= shieldHalfWidth(y);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inCheck(x, y) {
  const [a, b, c] = CHECK.points;
  return Math.min(distanceToSegment(x, y, a, b), distanceToSegment(x, y, b, c)) <= CHECK.halfWidth;
}

function pixel(px, py) {
  let r = 0;
  let g = 0;
  let b = 0;
  let a = 0;
  for (let sy = 0; sy < SAMPLES; sy += 1) {
    for (let sx = 0; sx < SAMPLES; sx += 1) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!inRoundedSquare(x, y)) continue;
      const colour = inCheck(x, y) ? MARK : inShield(x, y) ? SHIELD : BACKGROUND;
      r += colour[0];
      g += colour[1];
      b += colour[2];
      a += 1;
    }
  }
  if (a === 0) return [0, 0, 0, 0];
  return [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (SAMPLES * SAMPLES))];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y += 1) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const { margin, radius } = CORNER;
  const { top, bottom, centre } = SHIELD_SHAPE;
  // The shield outline, sampled from the same function as the PNG.
  const right = [];
  for (let y = top; y <= bottom; y += 4) right.push([centre + shieldHalfWidth(y), y]);
  const left = right.map(([x, y]) => [2 * centre - x, y]).reverse();
  const outline = [[centre, top + 14], ...right, ...left].map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const colour = ([r, g, b]) => `rgb(${r},${g},${b})`;
  const check = CHECK.points.map(([x, y]) => `${x},${y}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Agent Warden</title>
  <rect x="${margin}" y="${margin}" width="${SIZE - 2 * margin}" height="${SIZE - 2 * margin}" rx="${radius}" fill="${colour(BACKGROUND)}"/>
  <polygon points="${outline}" fill="${colour(SHIELD)}"/>
  <polyline points="${check}" fill="none" stroke="${colour(MARK)}" stroke-width="${2 * CHECK.halfWidth}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
}

writeFileSync(join(here, 'icon.png'), png());
writeFileSync(join(here, 'icon.svg'), svg());
console.log(`wrote ${join(here, 'icon.png')} and icon.svg (${SIZE}x${SIZE})`);
