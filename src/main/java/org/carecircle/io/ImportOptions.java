package org.carecircle.io;

/**
 * How to read an uploaded file; every field may be null (= detect or default).
 *
 * @param format the file format; null = detect from name and content
 * @param crs the coordinate reference system of the file's coordinates (EPSG:4326, EPSG:4490,
 *     GCJ-02, BD-09, EPSG:n); null = what the file declares, else EPSG:4326
 * @param encoding CSV text encoding (UTF-8, GBK, GB18030); null = UTF-8
 * @param lonColumn CSV column with longitude (or x); null = detect
 * @param latColumn CSV column with latitude (or y); null = detect
 * @param layer GeoPackage layer; null = the only feature layer
 */
public record ImportOptions(
    ImportFormat format, String crs, String encoding, String lonColumn, String latColumn, String layer) {
  public static final ImportOptions DEFAULTS = new ImportOptions(null, null, null, null, null, null);
}
