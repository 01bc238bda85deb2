package org.carecircle.io.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180) and keeps count of physical lines.
 *
 * <p>Quoting: a field that starts with {@code "} runs to the next lone {@code "}; inside it the
 * delimiter and line breaks are text and {@code ""} is one quote. Like Excel, the parser is lenient
 * where RFC 4180 is strict: a quote inside an unquoted field is text, and text after a closing
 * quote is appended to the field. Line breaks may be CRLF, LF or CR (Excel for Mac); inside quoted
 * fields they come back as LF.
 */
final class CsvRecordParser {
  private static final int BUFFER_CHARS = 64 * 1024;

  /** The header is read ahead to choose the delimiter; past this many chars we decide anyway. */
  private static final int MAX_DELIMITER_LOOKAHEAD_CHARS = 1024 * 1024;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Reader in;
  private char[] buffer = new char[BUFFER_CHARS];
  private int position;
  private int limit;
  private boolean endOfInput;
  private int line = 1;
  private char delimiter = ',';

  /**
   * One record.
   *
   * @param line the physical line the record starts on, 1-based
   * @param fields the raw field values, untrimmed
   * @param unclosedQuote whether a quoted field ran to the end of the input without closing
   */
  record CsvRecord(int line, List<String> fields, boolean unclosedQuote) {
    boolean isBlank() {
      for (String field : fields) {
        if (!field.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }

  CsvRecordParser(Reader in) {
    this.in = in;
  }

  /** The physical line of the next unread character; 1-based. */
  int line() {
    return line;
  }

  char delimiter() {
    return delimiter;
  }

  /** Skips a leading byte order mark, which some editors write even for UTF-8. */
  void skipByteOrderMark() throws IOException {
    if (peek() == BYTE_ORDER_MARK) {
      position++;
    }
  }

  /**
   * Chooses comma, semicolon or tab, whichever occurs most often outside quotes in the first line
   * (ties in that order; comma when none occurs), without consuming anything.
   */
  char detectDelimiter() throws IOException {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = position; i - position < MAX_DELIMITER_LOOKAHEAD_CHARS; i++) {
      if (i == limit && !readMore()) {
        break;
      }
      char c = buffer[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted) {
        commas += c == ',' ? 1 : 0;
        semicolons += c == ';' ? 1 : 0;
        tabs += c == '\t' ? 1 : 0;
      }
    }
    if (semicolons > commas && semicolons >= tabs) {
      delimiter = ';';
    } else if (tabs > commas && tabs > semicolons) {
      delimiter = '\t';
    } else {
      delimiter = ',';
    }
    return delimiter;
  }

  /** The next record, or null at the end of the input. */
  CsvRecord next() throws IOException {
    if (peek() < 0) {
      return null;
    }
    int startLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    boolean atFieldStart = true;
    while (true) {
      int c = read();
      if (c == '"' && atFieldStart) {
        atFieldStart = false;
        if (!readQuoted(value)) {
          fields.add(value.toString());
          return new CsvRecord(startLine, fields, true);
        }
      } else if (c < 0 || c == '\n') {
        fields.add(value.toString());
        return new CsvRecord(startLine, fields, false);
      } else if (c == delimiter) {
        fields.add(value.toString());
        value.setLength(0);
        atFieldStart = true;
      } else {
        value.append((char) c);
        atFieldStart = false;
      }
    }
  }

  /** Reads a quoted section after its opening quote; false when the input ends inside it. */
  private boolean readQuoted(StringBuilder value) throws IOException {
    while (true) {
      int c = read();
      if (c < 0) {
        return false;
      }
      if (c == '"') {
        if (peek() != '"') {
          return true;
        }
        position++;
      }
      value.append((char) c);
    }
  }

  /**
   * The next char, with every line break (CRLF, LF or CR) returned as one LF. The line count goes
   * up before looking past a CR, so that it is right even if that look-ahead fails to decode.
   */
  private int read() throws IOException {
    int c = peek();
    if (c < 0) {
      return c;
    }
    position++;
    if (c == '\n' || c == '\r') {
      line++;
      if (c == '\r' && peek() == '\n') {
        position++;
      }
      return '\n';
    }
    return c;
  }

  private int peek() throws IOException {
    if (position == limit) {
      position = 0;
      limit = 0;
      if (!readMore()) {
        return -1;
      }
    }
    return buffer[position];
  }

  /**
   * Appends input after {@code limit}, growing the buffer when little room is left (only the
   * delimiter look-ahead fills it that far); false at the end of the input.
   */
  private boolean readMore() throws IOException {
    if (endOfInput) {
      return false;
    }
    if (buffer.length - limit < BUFFER_CHARS / 2) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int count = in.read(buffer, limit, buffer.length - limit);
    if (count < 0) {
      endOfInput = true;
      return false;
    }
    limit += count;
    return true;
  }
}
