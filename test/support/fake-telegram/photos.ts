import { badRequest } from "./errors.js";

/** Telegram's limits on an uploaded photo: 10 MB, width + height at most 10,000, sides at most 20:1. */
const maxBytes = 10 * 1024 * 1024;
const maxSides = 10_000;
const maxRatio = 20;

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Checks an uploaded photo as Telegram does before it accepts it: an image (JPEG, PNG, WebP, GIF),
 * not too big, of allowed dimensions (read from a PNG's header). The dimensions, when read.
 */
export function checkUploadedPhoto(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.byteLength > maxBytes) throw badRequest("PHOTO_SAVE_FILE_INVALID");
  const png = startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const image =
    png ||
    startsWith(bytes, 0xff, 0xd8, 0xff) ||
    startsWith(bytes, 0x47, 0x49, 0x46, 0x38) ||
    (startsWith(bytes, 0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP");
  if (!image) throw badRequest("IMAGE_PROCESS_FAILED");
  if (!png) return undefined;
  if (bytes.byteLength < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR")
    throw badRequest("IMAGE_PROCESS_FAILED");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (
    width === 0 ||
    height === 0 ||
    width + height > maxSides ||
    Math.max(width, height) / Math.min(width, height) > maxRatio
  )
    throw badRequest("PHOTO_INVALID_DIMENSIONS");
  return { width, height };
}
