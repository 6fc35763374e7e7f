/**
 * The largest socket.io frame a client may send: an event's name, its payload and socket.io's
 * envelope, as JSON in UTF-8 (clientFrameBytes). The one limit on client frames: the client does
 * not send a larger one (PAYLOAD_TOO_LARGE, shown to the person), the gateway answers one
 * PAYLOAD_TOO_LARGE and commits nothing, the scenario analyzer refuses an action whose largest
 * valid payload would not fit, and the largest valid payload of every other event fits
 * (frame.test.ts). Text inputs refuse control characters, so each UTF-16 unit of text takes at
 * most 3 bytes (MAX_BYTES_PER_TEXT_UNIT).
 */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

/** The most a UTF-16 unit of input text takes in a frame: 3 bytes (U+0800-U+FFFF in UTF-8; JSON escapes of `"`, `\`, tab and line breaks take 2). */
export const MAX_BYTES_PER_TEXT_UNIT = 3;

/** socket.io's packet types and acknowledgement id before the JSON: "42" and up to 16 digits. */
const ENVELOPE_BYTES = 18;

/** The size of the frame that carries `emit(event, ...args, ack)`, as socket.io encodes it (at most). */
export function clientFrameBytes(event: string, args: readonly unknown[]): number {
  return utf8Length(JSON.stringify([event, ...args])) + ENVELOPE_BYTES;
}

/** Bytes of a string in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** "92 KB": a frame size as people read it. */
export const kilobytes = (bytes: number): string => `${Math.ceil(bytes / 1024)} KB`;

/** The refusal of a frame over the limit, from the client before sending or from the gateway. */
export function frameTooLargeMessage(bytes: number): string {
  return `This is ${kilobytes(bytes)}, over the ${kilobytes(MAX_CLIENT_FRAME_BYTES)} that can be sent at once; nothing was saved. Shorten the text and send it again.`;
}
