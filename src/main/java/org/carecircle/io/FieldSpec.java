package org.carecircle.io;

/**
 * A column of an exported layer, for formats that declare column types (GeoPackage, CSV header).
 *
 * @param name the column name as written
 * @param type the value type; values of other types are converted with {@code String.valueOf}
 */
public record FieldSpec(String name, Type type) {
  public enum Type {
    TEXT,
    INTEGER,
    REAL
  }

  public static FieldSpec text(String name) {
    return new FieldSpec(name, Type.TEXT);
  }

  public static FieldSpec integer(String name) {
    return new FieldSpec(name, Type.INTEGER);
  }

  public static FieldSpec real(String name) {
    return new FieldSpec(name, Type.REAL);
  }
}
