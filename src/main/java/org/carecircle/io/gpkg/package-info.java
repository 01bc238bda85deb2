/**
 * GeoPackage (OGC 12-128r18, version 1.3) vector layers, read and written with plain SQLite. A
 * <em>feature layer</em> is a table listed in {@code gpkg_contents} with {@code data_type =
 * 'features'} and one geometry column in {@code gpkg_geometry_columns}; its geometries are
 * <em>GeoPackageBinary</em> blobs: a small header (magic, flags, srs_id, optional envelope)
 * followed by standard WKB.
 */
package org.carecircle.io.gpkg;
