package org.carecircle.error;

/**
 * One thing wrong with a planner's input, said so that the planner can find and fix it.
 *
 * @param row the 1-based row as the planner sees it (CSV: the line number in the file, header =
 *     line 1; GeoJSON: the feature's position in the collection; GeoPackage: the feature's fid;
 *     OSM: the element's position), or {@code null} when the input is a single object
 * @param field the column, property or parameter at fault (e.g. {@code "lon"}, {@code "type"},
 *     {@code "crs"}), or {@code null} when the problem concerns the whole row or file
 * @param message what is wrong and what was expected, in plain words
 */
public record InputProblem(Integer row, String field, String message) {

  public static InputProblem ofRow(int row, String field, String message) {
    return new InputProblem(row, field, message);
  }

  public static InputProblem ofField(String field, String message) {
    return new InputProblem(null, field, message);
  }

  public static InputProblem ofFile(String message) {
    return new InputProblem(null, null, message);
  }

  /** "row 17, field lon: ..." as a single line for logs and summaries. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (row != null) {
      text.append("row ").append(row);
    }
    if (field != null) {
      text.append(text.isEmpty() ? "" : ", ").append("field ").append(field);
    }
    return text.isEmpty() ? message : text.append(": ").append(message).toString();
  }
}
