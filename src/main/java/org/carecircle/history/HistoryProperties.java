package org.carecircle.history;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code carecircle.history.*} settings.
 *
 * @param defaultPageSize entries per page of {@code GET /api/history} when no limit is given (default 50)
 * @param maxPageSize the largest limit accepted (default 500: a page stays a few megabytes even
 *     when every entry carries two facility features)
 */
@ConfigurationProperties("carecircle.history")
public record HistoryProperties(Integer defaultPageSize, Integer maxPageSize) {
  public HistoryProperties {
    defaultPageSize = defaultPageSize == null ? 50 : defaultPageSize;
    maxPageSize = maxPageSize == null ? 500 : maxPageSize;
    if (maxPageSize < 1 || defaultPageSize < 1 || defaultPageSize > maxPageSize) {
      throw new IllegalArgumentException("carecircle.history: need 1 <= default-page-size <= max-page-size, got "
          + defaultPageSize + " and " + maxPageSize);
    }
  }
}
