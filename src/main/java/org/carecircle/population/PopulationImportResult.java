package org.carecircle.population;

import java.util.List;
import org.carecircle.error.InputProblem;

/**
 * The answer to a successful population import, which has replaced the population layer.
 *
 * @param cells cells written: raster pixels or rows with a count above 0
 * @param totalPopulation the sum of the counts written; equals the file's own total, since only
 *     NoData and zero cells are left out
 * @param droppedNoData raster pixels equal to the NoData value (0 for vector files)
 * @param droppedZero pixels or rows with a count of 0, which are not stored: they add nobody to any
 *     analysis
 * @param format {@code geotiff}, {@code csv}, {@code geojson} or {@code gpkg}
 * @param crs the CRS the file was read in
 * @param valueColumn the column the counts came from; null for a raster
 * @param bbox {@code [minLon, minLat, maxLon, maxLat]} of the cells written, WGS84; null when none
 * @param warnings what was adjusted without making the file wrong (e.g. repaired polygons)
 */
public record PopulationImportResult(
    long cells,
    double totalPopulation,
    long droppedNoData,
    long droppedZero,
    String format,
    String crs,
    String valueColumn,
    double[] bbox,
    List<InputProblem> warnings) {}
