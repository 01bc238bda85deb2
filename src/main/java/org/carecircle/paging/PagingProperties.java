package org.carecircle.paging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code carecircle.paging.*} settings.
 *
 * @param defaultLimit items per page when a request gives no {@code limit} (default 1,000)
 * @param maxLimit largest {@code limit} a request may ask for (default 10,000: about 3 MB of
 *     facility GeoJSON)
 */
@ConfigurationProperties("carecircle.paging")
public record PagingProperties(Integer defaultLimit, Integer maxLimit) {
  public static final int DEFAULT_LIMIT = 1_000;
  public static final int MAX_LIMIT = 10_000;

  public PagingProperties {
    defaultLimit = defaultLimit == null ? DEFAULT_LIMIT : defaultLimit;
    maxLimit = maxLimit == null ? MAX_LIMIT : maxLimit;
    if (maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit) {
      throw new IllegalArgumentException("carecircle.paging: default-limit (" + defaultLimit + ") and max-limit ("
          + maxLimit + ") must be at least 1, and default-limit at most max-limit");
    }
  }
}
