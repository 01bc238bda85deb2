package org.carecircle.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns column values into their backup form and back (see {@link ColumnKind}). Geometries are
 * read with {@code ST_AsBinary} and {@code ST_SRID} and written with {@code ST_GeomFromWKB}, which
 * H2GIS and PostGIS both provide, so coordinates travel bit for bit.
 */
final class RowCodec {
  private static final String SRID_PREFIX = "SRID=";

  private RowCodec() {}

  /** The SELECT that dumps a table: geometry columns as WKB plus SRID, in primary-key order. */
  static String selectSql(TableSchema table) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < table.columns().size(); i++) {
      TableSchema.Column column = table.columns().get(i);
      String name = StoreDialect.quote(column.sqlName());
      sql.append(i == 0 ? "" : ", ");
      sql.append(column.kind() == ColumnKind.GEOMETRY ? "ST_AsBinary(" + name + "), ST_SRID(" + name + ")" : name);
    }
    sql.append(" FROM ").append(StoreDialect.quote(table.sqlName()));
    if (!table.primaryKey().isEmpty()) {
      sql.append(" ORDER BY ").append(String.join(", ", table.primaryKey().stream().map(StoreDialect::quote).toList()));
    }
    return sql.toString();
  }

  /** Writes the current row of a {@link #selectSql} result as one JSON array. */
  static void writeRow(ResultSet rs, List<TableSchema.Column> columns, JsonGenerator json)
      throws SQLException, IOException {
    json.writeStartArray();
    int index = 1;
    for (TableSchema.Column column : columns) {
      switch (column.kind()) {
        case INTEGER -> {
          long value = rs.getLong(index);
          writeOrNull(json, rs.wasNull() ? null : value);
        }
        case DECIMAL -> {
          BigDecimal value = rs.getBigDecimal(index);
          json.writeString(value == null ? null : value.toPlainString());
        }
        case FLOAT -> {
          double value = rs.getDouble(index);
          if (rs.wasNull()) {
            json.writeNull();
          } else if (Double.isFinite(value)) {
            json.writeNumber(value);
          } else {
            json.writeString(Double.toString(value));
          }
        }
        case BOOLEAN -> {
          boolean value = rs.getBoolean(index);
          writeOrNull(json, rs.wasNull() ? null : value);
        }
        case TEXT, JSON -> json.writeString(rs.getString(index));
        case TIMESTAMP_WITH_TIME_ZONE -> writeText(json, rs.getObject(index, OffsetDateTime.class));
        case TIMESTAMP -> writeText(json, rs.getObject(index, LocalDateTime.class));
        case DATE -> writeText(json, rs.getObject(index, LocalDate.class));
        case TIME -> writeText(json, rs.getObject(index, LocalTime.class));
        case BINARY -> {
          byte[] value = rs.getBytes(index);
          json.writeString(value == null ? null : Base64.getEncoder().encodeToString(value));
        }
        case UUID -> writeText(json, rs.getObject(index));
        case GEOMETRY -> {
          byte[] wkb = rs.getBytes(index);
          int srid = rs.getInt(index + 1);
          json.writeString(wkb == null ? null : SRID_PREFIX + srid + ";" + HexFormat.of().formatHex(wkb));
          index++;
        }
      }
      index++;
    }
    json.writeEndArray();
  }

  private static void writeOrNull(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else {
      json.writeBoolean((Boolean) value);
    }
  }

  private static void writeText(JsonGenerator json, Object value) throws IOException {
    json.writeString(value == null ? null : value.toString());
  }

  /** The INSERT that restores a table, with one marker per column. */
  static String insertSql(TableSchema table, StoreDialect dialect) {
    StringBuilder names = new StringBuilder();
    StringBuilder markers = new StringBuilder();
    for (TableSchema.Column column : table.columns()) {
      names.append(names.isEmpty() ? "" : ", ").append(StoreDialect.quote(column.sqlName()));
      markers.append(markers.isEmpty() ? "" : ", ").append(switch (column.kind()) {
        case GEOMETRY -> "ST_GeomFromWKB(?, ?)";
        case JSON -> dialect.jsonPlaceholder();
        default -> "?";
      });
    }
    return "INSERT INTO " + StoreDialect.quote(table.sqlName()) + " (" + names + ") VALUES (" + markers + ")";
  }

  /**
   * Binds one backed-up row to an {@link #insertSql} statement.
   *
   * @param row the row's values in the target table's column order
   * @throws IllegalArgumentException naming the column when a value is not in its backup form
   */
  static void bindRow(PreparedStatement statement, List<TableSchema.Column> columns, List<JsonNode> row)
      throws SQLException {
    int index = 1;
    for (int i = 0; i < columns.size(); i++) {
      TableSchema.Column column = columns.get(i);
      JsonNode value = row.get(i);
      boolean isNull = value == null || value.isNull();
      try {
        switch (column.kind()) {
          case INTEGER -> {
            if (isNull) {
              statement.setNull(index, Types.BIGINT);
            } else {
              statement.setLong(index, requireNumber(value).longValue());
            }
          }
          case DECIMAL -> statement.setBigDecimal(index, isNull ? null : new BigDecimal(value.asText()));
          case FLOAT -> {
            if (isNull) {
              statement.setNull(index, Types.DOUBLE);
            } else {
              statement.setDouble(index, value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asText()));
            }
          }
          case BOOLEAN -> {
            if (isNull) {
              statement.setNull(index, Types.BOOLEAN);
            } else if (value.isBoolean()) {
              statement.setBoolean(index, value.booleanValue());
            } else {
              throw new IllegalArgumentException("expected true or false, found " + value);
            }
          }
          case TEXT -> statement.setString(index, isNull ? null : value.asText());
          case JSON -> statement.setString(index, isNull ? null : value.asText());
          case TIMESTAMP_WITH_TIME_ZONE ->
              statement.setObject(index, isNull ? null : OffsetDateTime.parse(value.asText()),
                  Types.TIMESTAMP_WITH_TIMEZONE);
          case TIMESTAMP -> statement.setObject(index, isNull ? null : LocalDateTime.parse(value.asText()), Types.TIMESTAMP);
          case DATE -> statement.setObject(index, isNull ? null : LocalDate.parse(value.asText()), Types.DATE);
          case TIME -> statement.setObject(index, isNull ? null : LocalTime.parse(value.asText()), Types.TIME);
          case BINARY -> statement.setBytes(index, isNull ? null : Base64.getDecoder().decode(value.asText()));
          case UUID -> statement.setObject(index, isNull ? null : java.util.UUID.fromString(value.asText()));
          case GEOMETRY -> {
            if (isNull) {
              statement.setNull(index, Types.BINARY);
              statement.setNull(index + 1, Types.INTEGER);
            } else {
              String text = value.asText();
              int separator = text.indexOf(';');
              if (!text.startsWith(SRID_PREFIX) || separator < 0) {
                throw new IllegalArgumentException("expected SRID=<srid>;<hex WKB>");
              }
              statement.setBytes(index, HexFormat.of().parseHex(text, separator + 1, text.length()));
              statement.setInt(index + 1, Integer.parseInt(text.substring(SRID_PREFIX.length(), separator)));
            }
            index++;
          }
        }
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new IllegalArgumentException("column " + column.name() + ": '" + value.asText()
            + "' is not a valid " + column.kind().name().toLowerCase().replace('_', ' '), e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column " + column.name() + ": " + e.getMessage(), e);
      }
      index++;
    }
  }

  private static Number requireNumber(JsonNode value) {
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException("expected a whole number, found " + value);
    }
    return value.numberValue();
  }
}
