/**
 * Paging of long lists: a {@link org.carecircle.paging.PageRequest} is {@code limit} items after
 * skipping {@code offset}, at most {@code carecircle.paging.max-limit}; a
 * {@link org.carecircle.paging.Paged} answer carries the page, {@code numberMatched} (all items
 * the query matches) and the request for the next page, if any.
 */
package org.carecircle.paging;
