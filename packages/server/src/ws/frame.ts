/**
 * Encodes one unmasked, final text frame (RFC 6455 §5.2) around `text`. The hub encodes each
 * event once and writes the same bytes to every subscriber, instead of letting the socket
 * library serialize and frame it once per client.
 */
export function encodeTextFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(text, headerLength, 'utf8');
  return frame;
}

/** Encodes a reply or event object as a text frame. */
export function encodeJsonFrame(message: unknown): Buffer {
  return encodeTextFrame(JSON.stringify(message));
}
