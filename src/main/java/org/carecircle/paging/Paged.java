package org.carecircle.paging;

import java.util.List;
import java.util.Optional;

/**
 * A page of items and the whole list's size.
 *
 * @param items the page, in the list's order
 * @param numberMatched how many items the query matches in all pages
 * @param request the page that was asked for
 */
public record Paged<T>(List<T> items, long numberMatched, PageRequest request) {
  public Paged {
    items = List.copyOf(items);
  }

  /** The next page, or empty when this one reaches the end of the list. */
  public Optional<PageRequest> next() {
    return request.offset() + items.size() < numberMatched && !items.isEmpty()
        ? Optional.of(request.next()) : Optional.empty();
  }
}
