/** Width and height of a PNG, from its IHDR chunk (bytes 16-23), to keep a chart's aspect ratio in DOCX. */
export function imageSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
