package org.carecircle.facility;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carecircle.error.InputProblem;
import org.carecircle.io.TextValues;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Turns the properties and WGS84 geometry of one input feature into a {@link Facility}, or into
 * the list of everything wrong with it.
 *
 * <p>Property names are matched ignoring case, blanks, underscores, hyphens and brackets, in
 * English or Chinese: {@code name}/名称, {@code type}/类型, {@code status}/状态, {@code beds}/床位数,
 * {@code physicians}/医师数, {@code nurses}/护士数, {@code ambulances}/救护车数, {@code address}/地址,
 * {@code externalId}/机构编码, {@code attributes} (an object or its JSON text). Every other property
 * is kept as a free attribute, except {@code id} (CareCircle assigns its own), {@code version}
 * (the store counts it) and the type-name columns that CareCircle's own export adds.
 */
public final class FacilityFeatureMapper {
  /** Longest name accepted; the store's column is as wide. */
  static final int MAX_NAME_CHARS = 300;

  private static final Map<String, String> FIELD_BY_KEY = new LinkedHashMap<>();
  private static final Set<String> IGNORED_KEYS = Set.of("id", "fid", "typenamezh", "typenameen", "version");

  static {
    alias("name", "name", "名称", "机构名称", "医院名称", "facilityname");
    alias("type", "type", "typecode", "类型", "机构类型", "机构类别", "category");
    alias("status", "status", "状态");
    alias("beds", "beds", "床位", "床位数", "编制床位", "编制床位数", "实有床位数");
    alias("physicians", "physicians", "doctors", "医师", "医师数", "执业医师数", "执业助理医师数");
    alias("nurses", "nurses", "护士", "护士数", "注册护士数");
    alias("ambulances", "ambulances", "救护车", "救护车数");
    alias("address", "address", "地址");
    alias("externalId", "externalid", "机构编码", "机构代码", "统一社会信用代码");
    alias("attributes", "attributes");
  }

  private static void alias(String field, String... keys) {
    for (String key : keys) {
      FIELD_BY_KEY.put(key, field);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FacilityTypeCatalogue catalogue;
  private final String defaultType;
  private final String defaultStatus;

  public FacilityFeatureMapper(FacilityTypeCatalogue catalogue) {
    this(catalogue, null, null);
  }

  /**
   * @param defaultType type for features that have none (e.g. a file of clinics only), or null
   * @param defaultStatus status for features that have none, or null for {@code existing}
   */
  public FacilityFeatureMapper(FacilityTypeCatalogue catalogue, String defaultType, String defaultStatus) {
    this.catalogue = catalogue;
    this.defaultType = blankToNull(defaultType);
    this.defaultStatus = blankToNull(defaultStatus);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  /** The outcome for one feature: a facility, or the problems that keep it out. */
  public record Mapped(Facility facility, List<InputProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * @param row the row for messages, or null for a single object
   * @param geometryWgs84 the geometry already in WGS84 lon/lat
   * @param properties the input's properties
   * @param id the store key to give the facility (null for new ones)
   */
  public Mapped map(Integer row, Geometry geometryWgs84, Map<String, Object> properties, Long id) {
    List<InputProblem> problems = new ArrayList<>();
    Map<String, Object> known = new LinkedHashMap<>();
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : properties.entrySet()) {
      String key = normalizedKey(entry.getKey());
      if (IGNORED_KEYS.contains(key)) {
        continue;
      }
      String field = FIELD_BY_KEY.get(key);
      if (field == null) {
        attributes.put(entry.getKey(), entry.getValue());
      } else if (field.equals("attributes")) {
        mergeAttributes(row, entry.getValue(), attributes, problems);
      } else {
        known.putIfAbsent(field, entry.getValue());
      }
    }

    String name = text(known.get("name"));
    if (name == null) {
      problems.add(new InputProblem(row, "name", "the facility has no name"));
    } else if (name.length() > MAX_NAME_CHARS) {
      problems.add(new InputProblem(row, "name", "the name is longer than " + MAX_NAME_CHARS + " characters"));
    }

    String typeText = text(known.get("type"));
    if (typeText == null) {
      typeText = defaultType;
    }
    String typeCode = null;
    if (typeText == null) {
      problems.add(new InputProblem(row, "type", "the facility has no type; add a type column or pass defaultType, with a type from the catalogue, e.g. community_health_centre (社区卫生服务中心)"));
    } else {
      typeCode = catalogue.lookup(typeText).map(FacilityType::code).orElse(null);
      if (typeCode == null) {
        problems.add(new InputProblem(row, "type", "unknown facility type '" + typeText
            + "'; expected a code or name from the catalogue (GET /api/facility-types), e.g. "
            + "hospital_tertiary (三级医院), community_health_centre (社区卫生服务中心), emergency_station (急救站)"));
      }
    }

    FacilityStatus status = FacilityStatus.EXISTING;
    String statusText = text(known.get("status"));
    if (statusText == null) {
      statusText = defaultStatus;
    }
    if (statusText != null) {
      status = FacilityStatus.parse(statusText).orElse(null);
      if (status == null) {
        problems.add(new InputProblem(row, "status", "unknown status '" + statusText
            + "'; expected existing, planned, candidate or closed"));
      }
    }

    Integer beds = count(row, "beds", known.get("beds"), problems);
    Integer physicians = count(row, "physicians", known.get("physicians"), problems);
    Integer nurses = count(row, "nurses", known.get("nurses"), problems);
    Integer ambulances = count(row, "ambulances", known.get("ambulances"), problems);
    String address = text(known.get("address"));
    String externalId = text(known.get("externalId"));

    for (String field : List.of("name", "type", "status", "address", "externalId")) {
      TextValues.controlCharacterProblem(text(known.get(field)))
          .ifPresent(message -> problems.add(new InputProblem(row, field, message)));
    }
    attributes.forEach((key, value) -> TextValues.controlCharacterProblemIn(key)
        .or(() -> TextValues.controlCharacterProblemIn(value))
        .ifPresent(message -> problems.add(new InputProblem(row, key, message))));

    Point location = location(row, geometryWgs84, problems);
    if (!problems.isEmpty()) {
      return new Mapped(null, problems);
    }
    return new Mapped(
        new Facility(id, name, typeCode, status, beds, physicians, nurses, ambulances, address,
            externalId, attributes, location),
        List.of());
  }

  static String normalizedKey(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-()（）]", "");
  }

  private static void mergeAttributes(
      Integer row, Object value, Map<String, Object> attributes, List<InputProblem> problems) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> attributes.put(String.valueOf(k), v));
    } else if (value instanceof String textValue && !textValue.isBlank()) {
      try {
        attributes.putAll(JSON.readValue(textValue, new TypeReference<Map<String, Object>>() {}));
      } catch (Exception e) {
        problems.add(new InputProblem(row, "attributes", "attributes must be a JSON object, e.g. {\"level\": \"3A\"}"));
      }
    } else if (value != null && !(value instanceof String)) {
      problems.add(new InputProblem(row, "attributes", "attributes must be an object of key/value pairs"));
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value instanceof Number number ? plainNumber(number) : String.valueOf(value).trim();
    return text.isEmpty() ? null : text;
  }

  private static String plainNumber(Number number) {
    return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
  }

  /** A non-negative whole number, accepting "12", 12, 12.0 and "12.0"; null when absent. */
  private static Integer count(Integer row, String field, Object value, List<InputProblem> problems) {
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      BigDecimal number = new BigDecimal(text);
      if (number.signum() < 0) {
        problems.add(new InputProblem(row, field, field + " must not be negative, found " + text));
        return null;
      }
      return number.stripTrailingZeros().intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      problems.add(new InputProblem(row, field, "expected a whole number of " + field + " (0 or more), found '" + text + "'"));
      return null;
    }
  }

  private static Point location(Integer row, Geometry geometry, List<InputProblem> problems) {
    if (geometry == null || geometry.isEmpty()) {
      problems.add(new InputProblem(row, "geometry", "the facility has no location"));
      return null;
    }
    if (!(geometry instanceof Point point)) {
      problems.add(new InputProblem(row, "geometry", "expected a Point (the facility's location), found a "
          + geometry.getGeometryType() + "; give the facility's entrance or centre as a point"));
      return null;
    }
    double lon = point.getX();
    double lat = point.getY();
    if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
      problems.add(new InputProblem(row, "geometry", "the coordinates are not numbers (NaN or infinite)"));
      return null;
    }
    boolean lonOk = lon >= -180 && lon <= 180;
    boolean latOk = lat >= -90 && lat <= 90;
    if (lonOk && latOk) {
      point.setSRID(4326);
      return point;
    }
    if (!latOk && Math.abs(lat) <= 180 && Math.abs(lon) <= 90) {
      problems.add(new InputProblem(row, "lat", "latitude " + lat + " is out of range [-90, 90] and longitude "
          + lon + " would fit as a latitude: longitude and latitude look swapped"));
    } else if (!lonOk) {
      problems.add(new InputProblem(row, "lon", "longitude " + lon + " is out of range [-180, 180]"));
    } else {
      problems.add(new InputProblem(row, "lat", "latitude " + lat + " is out of range [-90, 90]"));
    }
    return null;
  }
}
