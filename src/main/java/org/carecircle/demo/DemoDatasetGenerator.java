package org.carecircle.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.carecircle.io.geojson.Feature;
import org.carecircle.io.geojson.FeatureCollection;
import org.carecircle.io.geojson.GeoJsonModule;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Generates CareCircle's synthetic demo city: facilities of every common type with invented names
 * and capacities, placed at random (fixed seed) on land in central Porto Alegre, so that they line
 * up with the sample road network and population grid used in the analyses. Nothing in it describes
 * a real facility.
 *
 * <p>Run {@code scripts/generate-demo.sh} to rewrite {@code geodata/demo/facilities.geojson}; a test
 * checks that the committed file is what this generator produces.
 */
public final class DemoDatasetGenerator {
  /** Fixed so that the dataset is reproducible. */
  private static final long SEED = 20261122L;

  /**
   * A rough outline of the built-up land east of Lake Guaíba (lon/lat), drawn by hand from a map so
   * that demo facilities do not fall into the lake.
   */
  private static final double[][] LAND_OUTLINE = {
    {-51.222, -29.998}, {-51.142, -29.998}, {-51.142, -30.108}, {-51.238, -30.108},
    {-51.236, -30.070}, {-51.226, -30.050}, {-51.232, -30.035}, {-51.222, -30.010}, {-51.222, -29.998}
  };

  private record Kind(String type, String status, int count, String nameZh, String nameEn,
      int[] beds, int[] physicians, int[] nurses, int[] ambulances) {}

  private static final int[] NONE = null;

  private static final List<Kind> KINDS = List.of(
      new Kind("hospital_tertiary", "existing", 2, "示例市第%s人民医院", "Demo People's Hospital No. %s",
          range(900, 1600), range(350, 700), range(600, 1100), range(4, 8)),
      new Kind("hospital_secondary", "existing", 4, "示例区第%s医院", "Demo District Hospital No. %s",
          range(250, 600), range(80, 220), range(150, 380), range(1, 3)),
      new Kind("hospital_primary", "existing", 3, "示例街道第%s医院", "Demo Street Hospital No. %s",
          range(40, 99), range(12, 35), range(20, 60), NONE),
      new Kind("tcm_hospital", "existing", 1, "示例市中医医院%s", "Demo TCM Hospital %s",
          range(300, 500), range(100, 180), range(150, 260), range(1, 2)),
      new Kind("maternal_child_hospital", "existing", 1, "示例市妇幼保健院%s", "Demo Maternal and Child Health Hospital %s",
          range(200, 400), range(80, 150), range(150, 300), range(1, 2)),
      new Kind("community_health_centre", "existing", 10, "示例第%s社区卫生服务中心", "Demo Community Health Centre No. %s",
          range(0, 40), range(8, 30), range(8, 30), NONE),
      new Kind("community_health_station", "existing", 12, "示例第%s社区卫生服务站", "Demo Community Health Station No. %s",
          NONE, range(1, 5), range(1, 5), NONE),
      new Kind("emergency_station", "existing", 6, "示例急救第%s分站", "Demo Emergency Station No. %s",
          NONE, range(4, 10), range(4, 10), range(2, 5)),
      new Kind("clinic", "existing", 8, "示例第%s诊所", "Demo Clinic No. %s",
          NONE, range(1, 4), range(1, 4), NONE),
      new Kind("cdc", "existing", 1, "示例市疾病预防控制中心%s", "Demo CDC %s",
          NONE, range(40, 80), range(10, 30), NONE),
      new Kind("community_health_centre", "planned", 3, "示例规划第%s社区卫生服务中心", "Demo Planned Community Health Centre No. %s",
          range(20, 40), range(10, 20), range(10, 20), NONE),
      new Kind("emergency_station", "candidate", 3, "示例候选急救站%s", "Demo Candidate Emergency Station %s",
          NONE, NONE, NONE, NONE));

  /** Specialty centres sit inside the first tertiary hospitals (as they do in practice). */
  private static final List<String[]> CENTRES_IN_TERTIARY = List.of(
      new String[] {"chest_pain_centre", "胸痛中心", "Chest-Pain Centre"},
      new String[] {"stroke_centre", "卒中中心", "Stroke Centre"},
      new String[] {"trauma_centre", "创伤中心", "Trauma Centre"},
      new String[] {"maternal_critical_centre", "危重孕产妇救治中心", "Critical Maternal Treatment Centre"},
      new String[] {"neonatal_critical_centre", "危重新生儿救治中心", "Critical Neonatal Treatment Centre"});

  private DemoDatasetGenerator() {}

  private static int[] range(int low, int high) {
    return new int[] {low, high};
  }

  /** The demo facilities as GeoJSON features (WGS84), in a fixed order. */
  public static List<Feature> generate() {
    GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
    Coordinate[] outline = new Coordinate[LAND_OUTLINE.length];
    for (int i = 0; i < outline.length; i++) {
      outline[i] = new Coordinate(LAND_OUTLINE[i][0], LAND_OUTLINE[i][1]);
    }
    Polygon land = factory.createPolygon(outline);
    Random random = new Random(SEED);
    List<Feature> features = new ArrayList<>();
    List<Point> tertiary = new ArrayList<>();
    for (Kind kind : KINDS) {
      for (int n = 1; n <= kind.count(); n++) {
        Point location = randomPointIn(land, random, factory);
        if (kind.type().equals("hospital_tertiary")) {
          tertiary.add(location);
        }
        features.add(feature(features.size() + 1, String.format(kind.nameZh(), n), String.format(kind.nameEn(), n),
            kind.type(), kind.status(), location,
            draw(random, kind.beds()), draw(random, kind.physicians()), draw(random, kind.nurses()),
            draw(random, kind.ambulances())));
      }
    }
    for (int i = 0; i < CENTRES_IN_TERTIARY.size(); i++) {
      String[] centre = CENTRES_IN_TERTIARY.get(i);
      Point hospital = tertiary.get(i % tertiary.size());
      // a few metres from the hospital's point so that both markers can be clicked
      Point location = factory.createPoint(new Coordinate(
          round(hospital.getX() + 0.0003 * (i + 1)), round(hospital.getY() - 0.0002 * (i + 1))));
      int hospitalNumber = i % tertiary.size() + 1;
      features.add(feature(features.size() + 1, "示例市第" + hospitalNumber + "人民医院" + centre[1],
          "Demo People's Hospital No. " + hospitalNumber + " " + centre[2], centre[0], "existing",
          location, null, null, null, null));
    }
    return features;
  }

  private static Feature feature(int number, String nameZh, String nameEn, String type, String status,
      Point location, Integer beds, Integer physicians, Integer nurses, Integer ambulances) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", nameZh);
    properties.put("type", type);
    properties.put("status", status);
    properties.put("beds", beds);
    properties.put("physicians", physicians);
    properties.put("nurses", nurses);
    properties.put("ambulances", ambulances);
    properties.put("externalId", String.format("demo-%03d", number));
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("nameEn", nameEn);
    attributes.put("synthetic", true);
    attributes.put("source", "CareCircle demo dataset (synthetic, generated)");
    properties.put("attributes", attributes);
    return new Feature(null, location, properties);
  }

  private static Point randomPointIn(Polygon land, Random random, GeometryFactory factory) {
    var box = land.getEnvelopeInternal();
    while (true) {
      double lon = round(box.getMinX() + random.nextDouble() * box.getWidth());
      double lat = round(box.getMinY() + random.nextDouble() * box.getHeight());
      Point candidate = factory.createPoint(new Coordinate(lon, lat));
      if (land.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static Integer draw(Random random, int[] range) {
    return range == null ? null : range[0] + random.nextInt(range[1] - range[0] + 1);
  }

  private static double round(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }

  /** The dataset as pretty-printed GeoJSON text. */
  public static String toGeoJson() throws IOException {
    ObjectMapper json = new ObjectMapper().registerModule(new GeoJsonModule())
        .enable(SerializationFeature.INDENT_OUTPUT);
    return json.writeValueAsString(new FeatureCollection(generate())) + "\n";
  }

  /** Writes the dataset to the path given as the first argument. */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "geodata/demo/facilities.geojson");
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, toGeoJson());
    System.out.println("wrote " + generate().size() + " synthetic facilities to " + target);
  }
}
