package org.carecircle.facility;

import java.util.List;

/**
 * A kind of facility from the catalogue (geodata/facility-types.yaml).
 *
 * @param code stable identifier stored with every facility, e.g. {@code community_health_centre}
 * @param nameZh Chinese name, e.g. 社区卫生服务中心
 * @param nameEn English name
 * @param group legend group code
 * @param color map colour, CSS hex
 * @param icon symbol name drawn by the page
 * @param aliases other spellings accepted on import
 * @param osmTags OSM {@code key=value} (or {@code key=*}) tags mapped to this type
 */
public record FacilityType(
    String code,
    String nameZh,
    String nameEn,
    String group,
    String color,
    String icon,
    List<String> aliases,
    List<String> osmTags) {

  public FacilityType {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    osmTags = osmTags == null ? List.of() : List.copyOf(osmTags);
  }
}
