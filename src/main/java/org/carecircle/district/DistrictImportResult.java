package org.carecircle.district;

import java.util.List;
import org.carecircle.error.InputProblem;

/**
 * The answer to a successful district import.
 *
 * @param imported districts added
 * @param districts what was added, in file order
 * @param crs the CRS the file was read in
 * @param warnings things that do not make the file wrong but deserve a look: boundaries in China
 *     read as WGS84, repaired boundaries, OSM relations cut off by the extract
 */
public record DistrictImportResult(int imported, List<Imported> districts, String crs, List<InputProblem> warnings) {
  /** One added district. */
  public record Imported(long id, String name, String code) {}
}
