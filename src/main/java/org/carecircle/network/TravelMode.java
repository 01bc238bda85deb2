package org.carecircle.network;

import java.util.Locale;
import java.util.Optional;

/**
 * How people travel over the road network. {@code AMBULANCE} uses the car roads and car speeds
 * multiplied by a configurable factor ({@code carecircle.network.ambulance-speed-factor}, default
 * 1.0): ambulances may drive faster than traffic, or slower where the planner knows better.
 */
public enum TravelMode {
  WALK("walk"),
  DRIVE("drive"),
  AMBULANCE("ambulance");

  private final String code;

  TravelMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Parses {@code walk}, {@code drive} (or {@code car}) and {@code ambulance}. */
  public static Optional<TravelMode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "walk", "foot", "walking" -> Optional.of(WALK);
      case "drive", "car", "driving" -> Optional.of(DRIVE);
      case "ambulance" -> Optional.of(AMBULANCE);
      default -> Optional.empty();
    };
  }
}
