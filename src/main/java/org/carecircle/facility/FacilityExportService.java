package org.carecircle.facility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carecircle.io.FieldSpec;
import org.carecircle.io.OutputFeature;
import org.carecircle.io.csv.CsvWriter;
import org.carecircle.io.geojson.FeatureCollection;
import org.carecircle.io.gpkg.GeoPackageWriter;
import org.springframework.stereotype.Service;

/**
 * Writes facilities as GeoJSON (the API's own shape), CSV (UTF-8 with BOM, for Excel on Chinese
 * Windows) or GeoPackage. CSV and GeoPackage are flat: free attributes become one JSON text column,
 * and the type's Chinese and English names are added for readers without the catalogue. Each of
 * these files imports back into the same facilities.
 */
@Service
public class FacilityExportService {
  /** Layer name in exported GeoPackages. */
  public static final String LAYER = "facilities";

  static final List<FieldSpec> FLAT_FIELDS = List.of(
      FieldSpec.integer("id"), FieldSpec.text("name"), FieldSpec.text("type"),
      FieldSpec.text("typeNameZh"), FieldSpec.text("typeNameEn"), FieldSpec.text("status"),
      FieldSpec.integer("beds"), FieldSpec.integer("physicians"), FieldSpec.integer("nurses"),
      FieldSpec.integer("ambulances"), FieldSpec.text("address"), FieldSpec.text("externalId"),
      FieldSpec.text("attributes"));

  private final FacilityTypeCatalogue catalogue;
  private final ObjectMapper json;

  public FacilityExportService(FacilityTypeCatalogue catalogue, ObjectMapper json) {
    this.catalogue = catalogue;
    this.json = json;
  }

  /** Writes the facilities to {@code out} in the given format. */
  public void write(List<Facility> facilities, ExportFormat format, OutputStream out) throws IOException {
    switch (format) {
      case GEOJSON -> json.writeValue(out, new FeatureCollection(
          facilities.stream().map(FacilityGeoJson::toFeature).toList()));
      case CSV -> CsvWriter.write(out, FLAT_FIELDS, flat(facilities));
      case GEOPACKAGE -> {
        Path file = Files.createTempFile("carecircle-export", ".gpkg");
        try {
          Files.delete(file);
          GeoPackageWriter.write(file, LAYER, FLAT_FIELDS, flat(facilities));
          Files.copy(file, out);
        } finally {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private List<OutputFeature> flat(List<Facility> facilities) throws JsonProcessingException {
    List<OutputFeature> features = new java.util.ArrayList<>(facilities.size());
    for (Facility facility : facilities) {
      Map<String, Object> row = new LinkedHashMap<>();
      FacilityType type = catalogue.byCode(facility.typeCode()).orElse(null);
      row.put("id", facility.id());
      row.put("name", facility.name());
      row.put("type", facility.typeCode());
      row.put("typeNameZh", type == null ? null : type.nameZh());
      row.put("typeNameEn", type == null ? null : type.nameEn());
      row.put("status", facility.status().code());
      row.put("beds", facility.beds());
      row.put("physicians", facility.physicians());
      row.put("nurses", facility.nurses());
      row.put("ambulances", facility.ambulances());
      row.put("address", facility.address());
      row.put("externalId", facility.externalId());
      row.put("attributes", facility.attributes().isEmpty() ? null : json.writeValueAsString(facility.attributes()));
      features.add(new OutputFeature(facility.location(), row));
    }
    return features;
  }
}
