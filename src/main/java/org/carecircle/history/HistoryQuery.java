package org.carecircle.history;

/**
 * A page of the change history, newest first.
 *
 * @param entityType only this kind of entity, or null for all
 * @param entityId only this entity (with {@code entityType}), or null
 * @param user only changes by this user, or null
 * @param limit entries per page, 1 to {@link HistoryProperties#maxPageSize()}
 * @param beforeId only entries with a smaller id (the {@code next} cursor of the previous page), or
 *     null for the newest
 */
public record HistoryQuery(EntityType entityType, String entityId, String user, int limit, Long beforeId) {}
