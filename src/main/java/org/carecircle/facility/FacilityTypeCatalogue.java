package org.carecircle.facility;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facility types a registry knows, loaded from the YAML catalogue. Immutable.
 *
 * <p>Type lookups for imports accept the code, the Chinese and English names and the aliases,
 * ignoring case and surrounding blanks.
 */
public final class FacilityTypeCatalogue {
  /** The catalogue packaged with CareCircle (from the project's geodata/ folder). */
  public static final String PACKAGED_RESOURCE = "/geodata/facility-types.yaml";

  private final List<FacilityTypeGroup> groups;
  private final Map<String, FacilityType> byCode;
  private final Map<String, FacilityType> byAnyName;

  private record CatalogueFile(List<FacilityTypeGroup> groups, List<FacilityType> types) {}

  private FacilityTypeCatalogue(List<FacilityTypeGroup> groups, List<FacilityType> types) {
    this.groups = List.copyOf(groups);
    Map<String, FacilityType> codes = new LinkedHashMap<>();
    Map<String, FacilityType> names = new HashMap<>();
    Set<String> groupCodes = new HashSet<>();
    groups.forEach(g -> groupCodes.add(g.code()));
    for (FacilityType type : types) {
      if (type.code() == null || type.code().isBlank()) {
        throw new IllegalStateException("facility type catalogue: a type has no code");
      }
      if (codes.put(type.code(), type) != null) {
        throw new IllegalStateException("facility type catalogue: code '" + type.code() + "' appears twice");
      }
      if (!groupCodes.contains(type.group())) {
        throw new IllegalStateException(
            "facility type catalogue: type '" + type.code() + "' names unknown group '" + type.group() + "'");
      }
      for (String name : allNames(type)) {
        names.putIfAbsent(key(name), type);
      }
    }
    this.byCode = codes;
    this.byAnyName = names;
  }

  private static List<String> allNames(FacilityType type) {
    List<String> names = new java.util.ArrayList<>(List.of(type.code(), type.nameZh(), type.nameEn()));
    names.addAll(type.aliases());
    return names;
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  /** Loads the packaged catalogue. */
  public static FacilityTypeCatalogue packaged() {
    try (InputStream in = FacilityTypeCatalogue.class.getResourceAsStream(PACKAGED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the packaged catalogue " + PACKAGED_RESOURCE + " is missing");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a catalogue file from disk. */
  public static FacilityTypeCatalogue fromFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read facility type catalogue " + file, e);
    }
  }

  private static FacilityTypeCatalogue read(InputStream in) throws IOException {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    CatalogueFile file = yaml.readValue(in, CatalogueFile.class);
    return new FacilityTypeCatalogue(file.groups(), file.types());
  }

  public List<FacilityTypeGroup> groups() {
    return groups;
  }

  /** All types in catalogue order. */
  public List<FacilityType> types() {
    return List.copyOf(byCode.values());
  }

  public Optional<FacilityType> byCode(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** Finds a type by code, Chinese or English name or alias, ignoring case. */
  public Optional<FacilityType> lookup(String nameOrCode) {
    return Optional.ofNullable(byAnyName.get(key(nameOrCode)));
  }

  /**
   * The first type, in catalogue order, one of whose {@code osmTags} the given tags carry.
   *
   * @param tags an OSM element's tags
   */
  public Optional<FacilityType> forOsmTags(Map<String, String> tags) {
    for (FacilityType type : byCode.values()) {
      for (String tag : type.osmTags()) {
        int eq = tag.indexOf('=');
        String tagKey = tag.substring(0, eq);
        String tagValue = tag.substring(eq + 1);
        String actual = tags.get(tagKey);
        if (actual != null && (tagValue.equals("*") || tagValue.equals(actual))) {
          return Optional.of(type);
        }
      }
    }
    return Optional.empty();
  }
}
