package org.carecircle.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A recorded change, as the history answers it.
 *
 * @param id the entry's key; later entries have larger ids (the paging cursor)
 * @param entityType code of the {@link EntityType}
 * @param entityId the entity's id as text
 * @param version the entity's version after the change
 * @param action code of the {@link ChangeAction}
 * @param user who made it ({@link org.carecircle.system.CurrentUser#name()})
 * @param changedAt when, UTC
 * @param before the state before, or null (created)
 * @param after the state after, or null (deleted)
 */
public record ChangeEntry(long id, String entityType, String entityId, long version, String action, String user,
    Instant changedAt, JsonNode before, JsonNode after) {

  /** The fields this change altered, before and after (see {@link FieldChange#between}). */
  @JsonProperty("changes")
  public List<FieldChange> changes() {
    return FieldChange.between(before, after);
  }
}
