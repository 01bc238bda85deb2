package org.carecircle.district;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.carecircle.population.PopulationCell;
import org.carecircle.population.PopulationCellExtent;
import org.carecircle.population.PopulationSum;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * The population of several districts from one pass over the cells: the same shares as {@link
 * DistrictPopulationCalculator} (whole cells inside, area-weighted shares of cells on a border,
 * points by where they lie), computed mostly from each cell's envelope. Pure JTS, no store.
 *
 * <p>Use: {@link #add} every cell that may overlap the districts (in any order), then {@link
 * #values} with a look-up of the polygons of the cells whose envelope straddles a border; only
 * those are decoded and intersected.
 *
 * <p>IMPLEMENTATION NOTE: a cell whose closed envelope lies inside a district counts fully, one
 * whose envelope misses it not at all: that is what the calculator concludes from the polygon too,
 * as the polygon lies within its envelope. Only cells straddling a border need their own shape;
 * {@link DistrictLocator} decides the rest mostly by a table look-up, so a layer of a million cells
 * costs a few hundred milliseconds here.
 */
public final class DistrictPopulationSums {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private final List<Geometry> districts;
  private final DistrictLocator locator;
  private final PopulationSum[] sums;
  /** Cells straddling a border, by id; with the districts whose border they straddle. */
  private final Map<Long, Straddling> straddling = new HashMap<>();

  private record Straddling(PopulationCellExtent cell, List<Integer> districts) {}

  /** @param districts valid Polygons or MultiPolygons in WGS84 */
  public DistrictPopulationSums(List<? extends Geometry> districts) {
    this.districts = List.copyOf(districts);
    this.locator = new DistrictLocator(this.districts);
    this.sums = new PopulationSum[this.districts.size()];
    for (int d = 0; d < sums.length; d++) {
      sums[d] = new PopulationSum();
    }
  }

  /** Counts one cell; cells far from every district may be added, they count for none. */
  public void add(PopulationCellExtent cell) {
    List<Integer> undecided = null;
    for (int d = 0; d < sums.length; d++) {
      if (cell.isPoint()) {
        if (locator.covers(d, cell.lon(), cell.lat())) {
          sums[d].add(cell.population());
        }
        continue;
      }
      switch (locator.relate(d, cell.minLon(), cell.minLat(), cell.maxLon(), cell.maxLat())) {
        case INSIDE -> sums[d].add(cell.population());
        case OUTSIDE -> { }
        case STRADDLES -> {
          if (undecided == null) {
            undecided = new ArrayList<>(2);
          }
          undecided.add(d);
        }
      }
    }
    if (undecided != null) {
      straddling.put(cell.id(), new Straddling(cell, undecided));
    }
  }

  /** The ids of the cells whose share needs their polygon. */
  public Collection<Long> straddlingCellIds() {
    return straddling.keySet();
  }

  /**
   * The population of each district, in the order given.
   *
   * @param polygons the polygons of the cells with the given ids ({@link #straddlingCellIds()}),
   *     by id; a cell missing from the answer (removed meanwhile) counts for none
   */
  public double[] values(Function<Collection<Long>, Map<Long, Geometry>> polygons) {
    if (!straddling.isEmpty()) {
      Map<Long, Geometry> shapes = polygons.apply(List.copyOf(straddling.keySet()));
      List<DistrictPopulationCalculator> calculators = new ArrayList<>(districts.size());
      for (int d = 0; d < districts.size(); d++) {
        calculators.add(null);
      }
      for (Straddling entry : straddling.values()) {
        Geometry shape = shapes.get(entry.cell.id());
        if (shape == null) {
          continue;
        }
        PopulationCellExtent extent = entry.cell;
        PopulationCell cell = new PopulationCell(extent.id(), extent.population(),
            WGS84.createPoint(new Coordinate(extent.lon(), extent.lat())), shape);
        for (int d : entry.districts) {
          if (calculators.get(d) == null) {
            calculators.set(d, new DistrictPopulationCalculator(districts.get(d)));
          }
          sums[d].add(calculators.get(d).shareInside(cell) * cell.population());
        }
      }
      straddling.clear();
    }
    double[] values = new double[sums.length];
    for (int d = 0; d < sums.length; d++) {
      values[d] = sums[d].value();
    }
    return values;
  }
}
