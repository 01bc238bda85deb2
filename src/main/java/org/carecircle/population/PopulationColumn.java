package org.carecircle.population;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/**
 * Finds the column (CSV) or attribute (GeoJSON, GeoPackage) that holds the population of each row,
 * and reads its values.
 *
 * <p>Without a {@code valueColumn} the column is found by its name, compared ignoring case,
 * blanks, underscores, hyphens and brackets: one of {@link #USUAL_NAMES}, or "pop"/"population"
 * followed by a year ({@code POP2000}, {@code pop_2020}). Names with a unit such as {@code
 * 人口(万人)} are deliberately not matched: their values are tens of thousands, not people.
 */
final class PopulationColumn {
  /** Column names taken to hold residents, after normalising (see the class comment). */
  static final List<String> USUAL_NAMES = List.of(
      "population", "pop", "popcount", "poptotal", "totalpop", "totalpopulation", "residents",
      "人口", "常住人口", "人口数", "总人口", "常住人口数", "户籍人口");

  private static final Pattern POPULATION_WITH_YEAR = Pattern.compile("pop(?:ulation)?(?:19|20)?[0-9]{2}");
  private static final Pattern DECIMAL_NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]{1,2}");
  private static final Pattern THOUSANDS_SEPARATED = Pattern.compile("[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]*)?");

  private PopulationColumn() {}

  /**
   * The name of the column to read, as the file spells it.
   *
   * @param columns the file's columns (or attribute names), in file order
   * @param requested the planner's {@code valueColumn}, or null/blank to detect it
   * @throws InputRejectedException on field {@code valueColumn} when there is no such column, or
   *     when detection finds none or several; the message lists the columns found
   */
  static String choose(Collection<String> columns, String requested) {
    String found = "the columns are: " + (columns.isEmpty() ? "(none)" : String.join(", ", columns));
    if (requested != null && !requested.isBlank()) {
      String wanted = requested.trim();
      return columns.stream().filter(c -> c.equalsIgnoreCase(wanted)).findFirst()
          .or(() -> columns.stream().filter(c -> normalized(c).equals(normalized(wanted))).findFirst())
          .orElseThrow(() -> rejected("there is no column '" + wanted + "' in the file; " + found));
    }
    List<String> candidates = columns.stream().filter(PopulationColumn::isUsualName).toList();
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw rejected("no population column found; " + found + ". Looked for a column named population, pop,"
          + " POP2000 (pop and a year), 人口 or 常住人口; name the column with valueColumn=...");
    }
    throw rejected("several columns could hold the population (" + String.join(", ", candidates)
        + "); name the right one with valueColumn=...");
  }

  private static boolean isUsualName(String column) {
    String key = normalized(column);
    return USUAL_NAMES.contains(key) || POPULATION_WITH_YEAR.matcher(key).matches();
  }

  static String normalized(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-()（）]", "");
  }

  /**
   * A row's population: a finite number {@code >= 0}, given as a Number or as decimal text with a
   * dot.
   *
   * @throws IllegalArgumentException with a message for the planner when the value is missing, not
   *     a number, negative, NaN or infinite
   */
  static double value(Object raw) {
    if (raw == null || raw instanceof String text && text.isBlank()) {
      throw new IllegalArgumentException("the population is empty; write 0 where nobody lives");
    }
    double value;
    if (raw instanceof Number number) {
      value = number.doubleValue();
    } else if (raw instanceof String text && DECIMAL_NUMBER.matcher(text.trim()).matches()) {
      value = Double.parseDouble(text.trim());
    } else {
      throw new IllegalArgumentException(notANumber(String.valueOf(raw).trim()));
    }
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("the population is not a number (NaN)");
    }
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException("the population is infinite");
    }
    if (value < 0) {
      throw new IllegalArgumentException("the population " + raw + " is negative; counts cannot be below 0");
    }
    return value;
  }

  private static String notANumber(String text) {
    if (THOUSANDS_SEPARATED.matcher(text).matches()) {
      return "'" + text + "' is not a number: write it without thousands separators (" + text.replace(",", "") + ")";
    }
    if (DECIMAL_COMMA.matcher(text).matches()) {
      return "'" + text + "' is not a number: use a dot as the decimal separator (" + text.replace(',', '.') + ")";
    }
    return "'" + text + "' is not a number; expected a count of residents such as 1520 or 87.5";
  }

  private static InputRejectedException rejected(String message) {
    return new InputRejectedException(InputProblem.ofField("valueColumn", message));
  }
}
