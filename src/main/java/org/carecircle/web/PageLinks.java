package org.carecircle.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.carecircle.io.geojson.FeatureCollectionPage;
import org.carecircle.paging.PageRequest;
import org.springframework.web.util.UriComponentsBuilder;

/** Links between pages of a list, relative to the server, keeping the request's other parameters. */
public final class PageLinks {
  private PageLinks() {}

  /** The address of {@code page}: this request's path and query with {@code limit} and {@code offset} replaced. */
  public static String href(HttpServletRequest request, PageRequest page) {
    return UriComponentsBuilder.fromPath(request.getRequestURI())
        .query(request.getQueryString())
        .replaceQueryParam("limit", page.limit())
        .replaceQueryParam("offset", page.offset())
        .build(true)
        .toUriString();
  }

  /** A {@code next} link to {@code next}, or no links when this is the last page. */
  public static List<FeatureCollectionPage.Link> next(HttpServletRequest request, Optional<PageRequest> next,
      String mediaType) {
    return next.map(page -> List.of(new FeatureCollectionPage.Link("next", href(request, page), mediaType)))
        .orElse(List.of());
  }
}
