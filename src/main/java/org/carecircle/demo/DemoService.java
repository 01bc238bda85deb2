package org.carecircle.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carecircle.facility.FacilityImportService;
import org.carecircle.facility.FacilityService;
import org.carecircle.facility.ImportResult;
import org.carecircle.io.ImportFormat;
import org.carecircle.io.ImportOptions;
import org.springframework.stereotype.Service;

/**
 * Offers the packaged synthetic demo dataset. Loading goes through the normal import, so the demo
 * obeys the same validation; loading twice updates the same facilities (matched by externalId).
 */
@Service
public class DemoService {
  /** The dataset, packaged from geodata/demo/. */
  static final String RESOURCE = "/geodata/demo/facilities.geojson";
  /** Number of facilities in the packaged dataset, counted once. */
  private final int facilityCount = DemoDatasetGenerator.generate().size();

  private final FacilityService facilities;
  private final FacilityImportService importer;

  public DemoService(FacilityService facilities, FacilityImportService importer) {
    this.facilities = facilities;
    this.importer = importer;
  }

  public boolean storeEmpty() {
    return facilities.count() == 0;
  }

  public int facilityCount() {
    return facilityCount;
  }

  public ImportResult load() throws IOException {
    Path file = Files.createTempFile("carecircle-demo", ".geojson");
    try (InputStream in = DemoService.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the demo dataset " + RESOURCE + " is not packaged");
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return importer.importFile(file, "demo.geojson",
          new ImportOptions(ImportFormat.GEOJSON, "EPSG:4326", null, null, null, null), null, null);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
