package org.carecircle.backup;

import java.sql.Types;
import java.util.Locale;

/**
 * How a column's values are written in a backup, whatever store they came from: numbers as JSON
 * numbers, text (also CLOB and JSON columns) as JSON strings, timestamps as ISO-8601 text (with
 * the offset when the column has a time zone), binary values as base64 and geometries as
 * {@code SRID=<srid>;<WKB in hex>}.
 */
enum ColumnKind {
  INTEGER,
  /** NUMERIC and DECIMAL, written as a plain decimal string so that no digit is lost. */
  DECIMAL,
  /** REAL and DOUBLE PRECISION; NaN and the infinities are written as the strings Java prints. */
  FLOAT,
  BOOLEAN,
  TEXT,
  JSON,
  TIMESTAMP_WITH_TIME_ZONE,
  TIMESTAMP,
  DATE,
  TIME,
  BINARY,
  UUID,
  GEOMETRY;

  /**
   * The kind of a column as JDBC describes it, or null when backups cannot carry its type.
   *
   * @param jdbcType {@link java.sql.Types} value from the database metadata
   * @param typeName the database's own type name ({@code geometry}, {@code timestamptz}, ...)
   */
  static ColumnKind of(int jdbcType, String typeName) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (name.startsWith("geometry")) {
      return GEOMETRY;
    }
    if (name.equals("uuid")) {
      return UUID;
    }
    if (name.equals("json") || name.equals("jsonb")) {
      return JSON;
    }
    if (name.equals("timestamptz") || name.startsWith("timestamp with time zone")) {
      return TIMESTAMP_WITH_TIME_ZONE;
    }
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
      case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> FLOAT;
      case Types.BOOLEAN, Types.BIT -> BOOLEAN;
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
          Types.CLOB, Types.NCLOB -> TEXT;
      case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_WITH_TIME_ZONE;
      case Types.TIMESTAMP -> TIMESTAMP;
      case Types.DATE -> DATE;
      case Types.TIME -> TIME;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
      default -> null;
    };
  }
}
