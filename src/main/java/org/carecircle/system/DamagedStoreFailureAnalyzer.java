package org.carecircle.system;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns "the embedded store cannot be read" at start-up into what the administrator should do,
 * instead of a stack trace. Before version 0.2 the embedded store kept R-tree indexes that H2
 * cannot roll back after a kill (see migration h2/V8); a file damaged that way fails on every
 * start with {@code MVStoreException}. CareCircle does not touch the file: it says how to restore
 * a backup or salvage the rows.
 */
class DamagedStoreFailureAnalyzer implements FailureAnalyzer {
  @Override
  public FailureAnalysis analyze(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause.getClass().getName().startsWith("org.h2.") && (message.contains("MVStoreException")
          || message.contains("File corrupted") || message.contains("Unable to read the page"))) {
        return new FailureAnalysis(
            "The embedded store cannot be read: its file is damaged (" + firstLine(message) + ").\n"
                + "Files written by CareCircle before version 0.2 could be damaged this way when the server was "
                + "killed during an import; this version cannot be damaged by a kill.",
            "Keep the damaged file aside (move data/carecircle.mv.db to another folder; do not delete it), then "
                + "either start CareCircle on a new, empty store and restore your newest backup "
                + "(README: \"Backup and restore\"), or salvage the rows H2 can still read "
                + "(README: \"Recovering a damaged embedded store\").",
            failure);
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
