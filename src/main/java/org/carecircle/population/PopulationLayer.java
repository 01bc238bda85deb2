package org.carecircle.population;

import java.time.Instant;

/**
 * Where the current population layer came from.
 *
 * @param sourceName the uploaded file's name, or null when the upload had none
 * @param sourceFormat {@code geotiff}, {@code csv}, {@code geojson} or {@code gpkg}
 * @param crs the CRS the file was read in, canonical spelling (e.g. {@code EPSG:4326})
 * @param valueColumn the column the counts came from; null for a raster
 * @param importedAt when the import was committed (as the store records it)
 */
public record PopulationLayer(String sourceName, String sourceFormat, String crs, String valueColumn, Instant importedAt) {}
