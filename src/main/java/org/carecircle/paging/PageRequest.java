package org.carecircle.paging;

import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;

/**
 * One page of a list.
 *
 * @param limit items on the page, in [1, max-limit]
 * @param offset items skipped before the page, &gt;= 0
 */
public record PageRequest(int limit, long offset) {

  /**
   * The page the {@code limit} and {@code offset} request parameters ask for.
   *
   * @param limit null = the default page size
   * @param offset null = 0
   * @throws InputRejectedException naming {@code limit} or {@code offset} when out of range
   */
  public static PageRequest of(Integer limit, Long offset, PagingProperties settings) {
    int pageSize = limit == null ? settings.defaultLimit() : limit;
    if (pageSize < 1 || pageSize > settings.maxLimit()) {
      throw new InputRejectedException(InputProblem.ofField("limit", "limit must be from 1 to at most "
          + settings.maxLimit() + ", found " + pageSize + "; follow the 'next' link for further pages"));
    }
    long skipped = offset == null ? 0 : offset;
    if (skipped < 0) {
      throw new InputRejectedException(InputProblem.ofField("offset", "offset must be 0 or more, found " + skipped));
    }
    return new PageRequest(pageSize, skipped);
  }

  /** The page after this one. */
  public PageRequest next() {
    return new PageRequest(limit, offset + limit);
  }
}
