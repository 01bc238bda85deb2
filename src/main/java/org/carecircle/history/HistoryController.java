package org.carecircle.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The whole change log over HTTP, page by page. */
@RestController
public class HistoryController {
  private final ChangeLog log;
  private final HistoryProperties properties;

  public HistoryController(ChangeLog log, HistoryProperties properties) {
    this.log = log;
    this.properties = properties;
  }

  /** A page: the entries, newest first, and the cursor of the next (older) page or null. */
  public record HistoryPage(List<ChangeEntry> entries, Long nextBefore) {}

  @Operation(summary = "The change history, newest first, page by page",
      description = "Filters: entityType (facility, district, population_layer, planning_target, scenario),"
          + " entityId, user. Pass the answer's nextBefore as 'before' for the next page.")
  @GetMapping("/api/history")
  public HistoryPage page(
      @Parameter(description = "facility, district, population_layer, planning_target or scenario")
          @RequestParam(required = false) String entityType,
      @Parameter(description = "the entity's id (needs entityType)") @RequestParam(required = false) String entityId,
      @Parameter(description = "only changes by this user") @RequestParam(required = false) String user,
      @Parameter(description = "entries per page; default 50") @RequestParam(required = false) Integer limit,
      @Parameter(description = "only entries older than this entry id (nextBefore of the previous page)")
          @RequestParam(required = false) Long before) {
    HistoryQuery query = parse(entityType, entityId, user, limit, before);
    List<ChangeEntry> entries = log.page(query);
    Long next = entries.size() == query.limit() ? entries.get(entries.size() - 1).id() : null;
    return new HistoryPage(entries, next);
  }

  private HistoryQuery parse(String entityType, String entityId, String user, Integer limit, Long before) {
    List<InputProblem> problems = new ArrayList<>();
    EntityType type = null;
    if (entityType != null && !entityType.isBlank()) {
      type = EntityType.parse(entityType).orElse(null);
      if (type == null) {
        problems.add(InputProblem.ofField("entityType", "unknown entity type '" + entityType + "'; expected one of "
            + EntityType.codes()));
      }
    }
    String id = entityId == null || entityId.isBlank() ? null : entityId.trim();
    if (id != null && (entityType == null || entityType.isBlank())) {
      problems.add(InputProblem.ofField("entityId", "an entityId needs its entityType, e.g. entityType=facility"));
    }
    int pageSize = limit == null ? properties.defaultPageSize() : limit;
    if (pageSize < 1 || pageSize > properties.maxPageSize()) {
      problems.add(InputProblem.ofField("limit", "limit must be from 1 to " + properties.maxPageSize() + "; got "
          + pageSize));
    }
    if (before != null && before < 1) {
      problems.add(InputProblem.ofField("before", "before is an entry id (1 or more), the nextBefore of the"
          + " previous page; got " + before));
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    return new HistoryQuery(type, id, user == null || user.isBlank() ? null : user.trim(), pageSize, before);
  }
}
