package org.carecircle.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.util.Arrays;

/**
 * Decodes bytes without replacing what it cannot decode: the first malformed or unmappable byte
 * ends the text with an {@link UndecodableTextException}.
 *
 * <p>Every character before the bad byte is delivered before the exception is thrown, so a
 * consumer that counts line breaks knows which line holds the bad byte. ({@code
 * InputStreamReader} cannot promise that: it may drop the characters of its last chunk.) Reads
 * must ask for at least 2 chars, so that a surrogate pair always fits.
 */
final class StrictDecodingReader extends Reader {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES).flip();
  private boolean endOfInput;
  private boolean flushed;
  private UndecodableTextException failure;

  StrictDecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The bytes could not be decoded; {@link #undecodedBytes} start at the first bad byte. */
  static final class UndecodableTextException extends IOException {
    private final byte[] undecodedBytes;

    UndecodableTextException(byte[] undecodedBytes) {
      super("the input is not valid text in the expected encoding");
      this.undecodedBytes = undecodedBytes;
    }

    /** Up to 64 KiB from the first bad byte on, for guessing what the encoding really is. */
    byte[] undecodedBytes() {
      return undecodedBytes.clone();
    }
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (length < 2) {
      throw new IllegalArgumentException("read at least 2 chars at a time: a surrogate pair");
    }
    if (failure != null) {
      throw failure;
    }
    CharBuffer out = CharBuffer.wrap(target, offset, length);
    while (out.position() == offset && failure == null) {
      CoderResult result = decoder.decode(bytes, out, endOfInput);
      if (result.isError()) {
        failure =
            new UndecodableTextException(
                Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit()));
      } else if (result.isOverflow()) {
        break;
      } else if (endOfInput) {
        if (!flushed) {
          decoder.flush(out);
          flushed = true;
        }
        break;
      } else {
        readMoreBytes();
      }
    }
    int produced = out.position() - offset;
    if (produced > 0) {
      return produced;
    }
    if (failure != null) {
      throw failure;
    }
    return -1;
  }

  private void readMoreBytes() throws IOException {
    bytes.compact();
    int count = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (count < 0) {
      endOfInput = true;
    } else {
      bytes.position(bytes.position() + count);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
